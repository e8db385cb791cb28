using System.Globalization;
using Bench.Broker;
using Bench.Harness;
using Bench.Harness.Agents;

namespace Bench.Scenarios.Cli;

/// <summary>
/// `bench coordinate --agents N --control URI [--out DIR]`: the barrier and the merge of a multi-agent run. Exit 0 when
/// all N agents reported and the merged run is complete; 1 when too few were ready (a timeout, said in one line), an
/// agent went missing, or the merged run failed.
/// </summary>
internal static class CoordinateCommand
{
    public const string Usage = "bench coordinate --agents N [--control URI] [--run-name NAME] [--out DIR] [--ready-timeout S] [--results-timeout S] [--lead S]";

    public static HashSet<string> Flags { get; } = [];

    public static async Task<int> RunAsync(CliArgs args, IReadOnlyList<string> commandLine)
    {
        var agents = (int)(args.Int64("agents", 1, 1000) ?? throw new UsageException("--agents N is required: how many agents to wait for"));
        var controlText = args.String("control") ?? Environment.GetEnvironmentVariable(AgentSettings.ControlVariable);
        if (string.IsNullOrEmpty(controlText))
        {
            throw new UsageException($"--control URI (or {AgentSettings.ControlVariable}) is required: the broker the agents meet on");
        }

        var coordinator = new Coordinator(AmqpUri.Parse(controlText), agents, AgentOptions.ParseRunName(args), message => Console.WriteLine("coordinator: " + message))
        {
            ReadyTimeout = TimeSpan.FromSeconds(args.Double("ready-timeout", 1, 86_400) ?? 600),
            ResultsTimeout = TimeSpan.FromSeconds(args.Double("results-timeout", 1, 86_400) ?? 120),
            Lead = TimeSpan.FromSeconds(args.Double("lead", 0.1, 600) ?? 2),
        };
        var output = args.String("out") ?? Path.Combine(RepositoryRoot.Find() ?? Environment.CurrentDirectory, "results", "runs",
            DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-agents");
        args.EnsureAllUsed();
        using var signal = new ShutdownSignal();
        return await RunAsync(coordinator, output, AmqpUri.MaskText("bench " + string.Join(' ', commandLine)), signal.Token);
    }

    /// <summary>The coordination and its outcome on the console: shared by `bench coordinate` and `bench run --local`.</summary>
    public static async Task<int> RunAsync(Coordinator coordinator, string output, string command, CancellationToken cancellation)
    {
        var outcome = await coordinator.RunAsync(output, command, cancellation);
        if (outcome.Merged is { } merged)
        {
            MergedRun.Print(merged);
        }
        else
        {
            Console.Error.WriteLine("bench: " + outcome.Failure);
        }

        return cancellation.IsCancellationRequested ? 130 : outcome.ExitCode;
    }
}
