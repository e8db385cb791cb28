using Bench.Broker;
using Bench.Harness.Faults;
using Bench.Harness.Options;
using Bench.Harness.Runs;
using Bench.Scenarios.Metrics;

namespace Bench.Scenarios.Cli;

/// <summary>
/// `bench run`: a suite, Bench's own scenarios, an external target (--target) or a scenario file (--file), with
/// settings from flags (see <see cref="RunPlan"/>). A flag given a comma-separated list (--prefetch 1,10,100,unlimited)
/// sweeps it: every combination runs and is recorded. Results go to results/runs/&lt;utc-time&gt;-&lt;sha&gt;/ (or --out):
/// results.json and summary.md. Thresholds (--assert) are checked per scenario; a breach exits 1. Ctrl-C stops the
/// current scenario, keeps what was measured, marks the run incomplete and exits with 130.
/// </summary>
internal static class RunCommand
{
    public const string Usage = "bench run [--suite NAME | --scenario ID[,ID…] | --target oslo|celery … | --file PATH] [--assert EXPR]… [--agents N (--agent-index I --control URI | --local)] [SETTING VALUE[,VALUE…]]… (bench run --help lists every option)";

    public static HashSet<string> Flags { get; } = [.. CommandOptions.Flags(OptionScope.Run), "help"];

    public static async Task<int> RunAsync(CliArgs args, IReadOnlyList<string> commandLine)
    {
        if (args.Has("help"))
        {
            Console.WriteLine(OptionHelp.Render("usage: " + Usage, OptionScope.Run));
            return 0;
        }

        if (args.Has("local"))
        {
            return await LocalAgents.RunAsync(args, commandLine);
        }

        var plan = RunPlan.ForRun(args);

        // Bound before the broker starts and before any load: a bad ADDR:PORT or a port in use is one line, exit 2.
        var live = plan.MetricsListen is null ? null : new LiveMetrics();
        await using var listener = live is null ? null : MetricsListener.Start(plan.MetricsListen!, live);
        if (listener is not null)
        {
            Console.WriteLine($"live metrics: http://{listener.EndPoint}/metrics");
        }

        using var signal = new ShutdownSignal();
        if (plan.BrokerMetrics is not null)
        {
            await plan.BrokerMetrics.CheckAsync(signal.Token); // before any load: a wrong or unreachable URL is one line, exit 2
        }

        // The private node always serves rabbitmq_prometheus on loopback: the broker view of every run reads it. It
        // serves the management API only when a connection-close fault will use it (the plugin's statistics cost the
        // broker CPU in every other run).
        var closesConnections = plan.Checks.Faults.Concat(plan.Specs.SelectMany(s => s.Faults ?? [])).Any(f => f.Kind == FaultSpec.ConnectionClose);
        await using var brokers = new BrokerLeases(plan.Amqp, new PrivateBrokerOptions { Tls = plan.Tls, Prometheus = true, Management = closesConnections });
        var session = await RunOpening.OpenAsync(plan, brokers, commandLine, signal.Token);
        var outcome = await ScenarioLoop.RunAsync(plan, session, brokers, live, signal.Token);
        return await RunEnding.FinishAsync(plan, session, outcome, signal);
    }
}
