using Bench.Broker;
using Bench.Harness.Agents;
using Bench.Harness.Options;
using Bench.Load;

namespace Bench.Scenarios.Cli;

/// <summary>
/// The agent flags of `bench run --agents N` read into <see cref="AgentSettings"/>: --agent-index (else
/// BENCH_AGENT_INDEX, else Kubernetes' JOB_COMPLETION_INDEX), --control (else BENCH_CONTROL_URI: an environment
/// variable keeps its password off the command line), --run-name and --barrier-timeout.
/// </summary>
internal static class AgentOptions
{
    /// <summary>Null when --agents was not given (a run of one machine); usage errors (exit 2) for anything inconsistent.</summary>
    public static AgentSettings? From(CliArgs args)
    {
        var count = args.Int64("agents", 1, 1000);
        var indexText = args.String("agent-index") ?? Variable(AgentSettings.IndexVariable) ?? Variable(AgentSettings.KubernetesIndexVariable);
        var controlText = args.String("control") ?? Variable(AgentSettings.ControlVariable);
        var runName = ParseRunName(args);
        var barrier = args.Double("barrier-timeout", 1, 86_400) ?? 600;
        if (count is null)
        {
            return args.Has("agent-index") || args.Has("control") ? throw new UsageException("--agent-index and --control belong to an agent: give --agents N") : null;
        }

        if (indexText is null)
        {
            throw new UsageException($"--agents {count} needs this agent's index: --agent-index I, {AgentSettings.IndexVariable} or {AgentSettings.KubernetesIndexVariable}");
        }

        var index = OptionParsers.Int(indexText, "agent-index", 0, (int)count.Value - 1);
        if (controlText is null)
        {
            throw new UsageException($"--agents needs the control broker: --control URI or {AgentSettings.ControlVariable} (a broker or vhost that is not the one under test)");
        }

        return new AgentSettings(new LoadSegment(index, (int)count.Value), AmqpUri.Parse(controlText), runName, TimeSpan.FromSeconds(barrier));
    }

    /// <summary>--run-name: lets several runs share a control broker; letters, digits, '-', '_' and '.'.</summary>
    public static string ParseRunName(CliArgs args)
    {
        var name = args.String("run-name") ?? AgentSettings.DefaultRunName;
        return name.Length is > 0 and <= 100 && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.')
            ? name : throw new UsageException($"--run-name must be letters, digits, '-', '_' or '.', not '{name}'");
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
