using Bench.Broker;
using Bench.Load;
using Bench.Scenarios.Cli;
using Bench.Scenarios.Options;

namespace Bench.Scenarios.Agents;

/// <summary>
/// `bench run --agents N`: which slice this process runs (--agent-index, else BENCH_AGENT_INDEX, else Kubernetes'
/// JOB_COMPLETION_INDEX), the control broker (--control, else BENCH_CONTROL_URI: an environment variable keeps its
/// password off the command line), the run's name on it, and how long to wait for the start.
/// </summary>
internal sealed record AgentSettings(LoadSegment Segment, AmqpUri Control, string RunName, TimeSpan BarrierTimeout)
{
    public const string IndexVariable = "BENCH_AGENT_INDEX";
    public const string KubernetesIndexVariable = "JOB_COMPLETION_INDEX";
    public const string ControlVariable = "BENCH_CONTROL_URI";
    public const string DefaultRunName = "bench";

    /// <summary>Null when --agents was not given (a run of one machine); usage errors (exit 2) for anything inconsistent.</summary>
    public static AgentSettings? From(CliArgs args)
    {
        var count = args.Int64("agents", 1, 1000);
        var indexText = args.String("agent-index") ?? Variable(IndexVariable) ?? Variable(KubernetesIndexVariable);
        var controlText = args.String("control") ?? Variable(ControlVariable);
        var runName = ParseRunName(args);
        var barrier = args.Double("barrier-timeout", 1, 86_400) ?? 600;
        if (count is null)
        {
            return args.Has("agent-index") || args.Has("control") ? throw new UsageException("--agent-index and --control belong to an agent: give --agents N") : null;
        }

        if (indexText is null)
        {
            throw new UsageException($"--agents {count} needs this agent's index: --agent-index I, {IndexVariable} or {KubernetesIndexVariable}");
        }

        var index = OptionParsers.Int(indexText, "agent-index", 0, (int)count.Value - 1);
        if (controlText is null)
        {
            throw new UsageException($"--agents needs the control broker: --control URI or {ControlVariable} (a broker or vhost that is not the one under test)");
        }

        return new AgentSettings(new LoadSegment(index, (int)count.Value), AmqpUri.Parse(controlText), runName, TimeSpan.FromSeconds(barrier));
    }

    /// <summary>--run-name: lets several runs share a control broker; letters, digits, '-', '_' and '.'.</summary>
    public static string ParseRunName(CliArgs args)
    {
        var name = args.String("run-name") ?? DefaultRunName;
        return name.Length is > 0 and <= 100 && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.')
            ? name : throw new UsageException($"--run-name must be letters, digits, '-', '_' or '.', not '{name}'");
    }

    /// <summary>The control broker must not be the one measured: the same host, port and vhost is refused.</summary>
    public void RefuseSameBroker(AmqpUri underTest)
    {
        if (string.Equals(Control.Host, underTest.Host, StringComparison.OrdinalIgnoreCase) && Control.Port == underTest.Port && VirtualHost(Control) == VirtualHost(underTest))
        {
            throw new UsageException("--control is the broker under test: give a separate node or vhost, so the barrier and results are not part of what is measured");
        }
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static string VirtualHost(AmqpUri uri) => uri.Uri.AbsolutePath.Trim('/') is { Length: > 0 } v ? Uri.UnescapeDataString(v) : "/";
}
