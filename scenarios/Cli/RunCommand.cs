using System.Globalization;
using Bench.Broker;
using Bench.Broker.Metrics;
using Bench.Harness;
using Bench.Harness.Agents;
using Bench.Harness.Definitions;
using Bench.Harness.Faults;
using Bench.Harness.Options;
using Bench.Harness.Runs;
using Bench.Reporting;
using Bench.Reporting.Thresholds;
using Bench.Rpc;
using Bench.Scenarios.Catalog;
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

        var plan = RunPlan.From(args);
        var specs = plan.Specs;
        var thresholds = plan.Thresholds.Select(t => RunPlan.ParseThreshold(t)).ToList();
        var repeat = args.String("repeat") is { } r ? OptionParsers.Int(r, "repeat", 1, 1000) : 1;
        var amqp = plan.Amqp;
        var outDirectory = args.String("out");
        var suite = plan.Suite;
        var external = amqp ?? (Environment.GetEnvironmentVariable(BrokerLease.EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
        var checks = RunChecks.Parse(args, externalBroker: external is not null);
        CeleryRun.RefuseFaults(specs, checks.Faults);
        var agent = AgentOptions.From(args);
        if (agent is not null)
        {
            LocalAgents.CheckAgentPlan(specs, repeat, checks.Faults.Count, agent.Segment.Count);
        }

        BrokerTrust.Use(args.String("ca-cert"));
        var brokerMetrics = args.String("broker-metrics") is { } metricsUrl ? MetricsEndpoint.Parse(metricsUrl, args.String("broker-metrics-auth"))
            : args.String("broker-metrics-auth") is not null ? throw new UsageException("--broker-metrics-auth goes with --broker-metrics URL") : null;
        if (checks.Faults.FirstOrDefault(f => f.OnClusterNode) is { } nodeFault && specs.Any(s => s.Settings.Nodes < 2 && s.Faults is null))
        {
            throw new UsageException($"--fault {nodeFault.Kind} hits one node of a cluster: give --nodes 2 or more");
        }

        if (checks.Faults.Count > 0 && specs.Any(s => s.Target is not null))
        {
            throw new UsageException("--fault acts on Bench's own workers and private node; an external target has neither");
        }

        var metricsListen = args.String("metrics-listen");
        args.EnsureAllUsed();

        // TLS: on Bench's private node a scenario with --tls on uses the node's amqps listener beside the plain one, so
        // plain and TLS compare in one run; an external broker's scheme decides, and is recorded as the setting.
        var tls = specs.Any(s => s.Settings.Tls);
        if (external is not null && tls)
        {
            throw new UsageException("--tls on starts Bench's private node with a TLS listener; for your own broker give an amqps:// --amqp URI");
        }

        if (external is not null && AmqpUri.Parse(external).IsTls)
        {
            specs = [.. specs.Select(s => s with { Settings = s.Settings with { Tls = true } })];
        }

        if (specs.Any(s => s.Settings.Nodes > 1) && (external is not null || tls))
        {
            throw new UsageException(external is not null
                ? "--nodes starts Bench's private cluster; for your own cluster give --amqp with every node: amqp://HOST:PORT/?nodes=HOST1:PORT1,HOST2:PORT2"
                : "--tls on is for a single private node: a cluster's nodes listen on plain amqp");
        }

        // Bound before the broker starts and before any load: a bad ADDR:PORT or a port in use is one line, exit 2.
        var live = metricsListen is null ? null : new LiveMetrics();
        await using var listener = live is null ? null : MetricsListener.Start(metricsListen!, live);
        if (listener is not null)
        {
            Console.WriteLine($"live metrics: http://{listener.EndPoint}/metrics");
        }

        using var signal = new ShutdownSignal();
        if (brokerMetrics is not null)
        {
            await brokerMetrics.CheckAsync(signal.Token); // before any load: a wrong or unreachable URL is one line, exit 2
        }

        // The private node always serves rabbitmq_prometheus on loopback: the broker view of every run reads it. It
        // serves the management API only when a connection-close fault will use it (the plugin's statistics cost the
        // broker CPU in every other run).
        var closesConnections = checks.Faults.Concat(specs.SelectMany(s => s.Faults ?? [])).Any(f => f.Kind == FaultSpec.ConnectionClose);
        await using var brokers = new BrokerLeases(amqp, new PrivateBrokerOptions { Tls = tls, Prometheus = true, Management = closesConnections });
        var broker = await brokers.UseAsync(specs.Count > 0 ? specs[0].Settings.Nodes : 1, signal.Token);
        if (broker.CaCertificatePath is { } nodeCa)
        {
            Environment.SetEnvironmentVariable(AmqpTls.CaCertificateVariable, nodeCa);
        }

        agent?.RefuseSameBroker(broker.Uri);
        string brokerVersion;
        await using (var probe = await RpcClient.ConnectAsync(broker.Uri.Uri, new RpcClientOptions { ClientName = "bench-probe" }, cancellationToken: signal.Token))
        {
            brokerVersion = probe.BrokerVersion;
        }

        var root = RepositoryRoot.Find();
        var environment = EnvironmentProbe.Capture(broker.Uri.ToString(), brokerVersion, broker.IsPrivate, root);
        var startedAt = DateTimeOffset.UtcNow;
        var runId = startedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + EnvironmentProbe.ShortSha(environment);
        var output = outDirectory ?? Path.Combine(root ?? Environment.CurrentDirectory, "results", "runs", runId);
        var session = new RunSession(brokers, brokerVersion, output, new RunResult
        {
            RunId = runId,
            Command = AmqpUri.MaskText("bench " + string.Join(' ', commandLine)),
            Suite = suite,
            SweptSettings = [.. plan.Swept],
            StartedAt = startedAt,
            Environment = environment,
        }, message => Console.Error.WriteLine("bench: " + message)) { Faults = checks.Faults, ExternalMetrics = brokerMetrics, Agent = agent is null ? null : new AgentLink(agent) };

        Console.WriteLine($"bench run {runId}: {specs.Count} scenario run(s){(repeat > 1 ? $" × {repeat} repetitions, interleaved" : string.Empty)}, suite {suite}, RabbitMQ {brokerVersion} at {broker.Uri}{(broker.Cluster is { } c ? $" (private cluster {c.Name} of {c.Nodes.Count} nodes)" : broker.IsPrivate ? " (private)" : string.Empty)}");
        var failed = false;
        var failures = new List<string>();
        var display = new ProgressDisplay();
        await display.RunAsync(async d =>
        {
            // Repetitions are interleaved (A B C A B C …), so slow drift on a shared machine hits every variant alike.
            foreach (var (spec, repetition) in Enumerable.Range(1, repeat).SelectMany(rep => specs.Select(spec => (spec, rep))))
            {
                if (signal.Token.IsCancellationRequested)
                {
                    break;
                }

                var settings = string.Join(' ', spec.Describe().Select(kv => kv.Key + "=" + kv.Value)) + (repeat > 1 ? $" (repetition {repetition}/{repeat})" : string.Empty);
                d.Begin(spec.Id, settings);
                live?.Begin(spec.Id, spec.Describe(), repetition);
                try
                {
                    await brokers.UseAsync(spec.Settings.Nodes, signal.Token);
                    // A rate given as a fraction of capacity is found first, by a short rate search on this broker.
                    var (run, rateChoice) = await CapacityProbe.ResolveAsync(spec, session, d.Update, signal.Token);
                    ScenarioRecord record;
                    await using (var execution = run.Scenario.CreateRun(session, run))
                    {
                        record = await execution.RunAsync(live is null ? d.Update : p => { d.Update(p); live.Update(p); }, signal.Token);
                    }

                    if (rateChoice is not null)
                    {
                        record = record with { RateChoice = rateChoice, Notes = [rateChoice.Why, .. record.Notes] };
                    }

                    record = ThresholdCheck.Apply(checks.Flag(record with { Repetition = repetition }), thresholds);
                    session.Add(record);
                    d.Complete(record);
                    failed |= !record.Counts.Accounted;
                    foreach (var t in record.Thresholds)
                    {
                        Console.WriteLine("  " + t);
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failed = true;
                    failures.Add(spec.Id + ": " + AmqpUri.MaskText(e.Message));
                    d.Fail(spec.Id, AmqpUri.MaskText(e.Message));
                }
            }
        });

        var interrupted = signal.Token.IsCancellationRequested;
        var verdict = interrupted ? null : checks.Verdict(session) ?? ThresholdCheck.Verdict(session.Result.Scenarios);
        // A scenario that could not run (an unreachable target, a worker that never started) leaves no record: its one
        // line is the results' stop reason, so results.json and summary.md say why as the terminal did.
        var stopReason = interrupted ? "interrupted by " + signal.Received
            : failures.Count > 0 ? "a scenario failed: " + failures[0] + (failures.Count > 1 ? $" (and {failures.Count - 1} more)" : string.Empty)
            : failed ? "a scenario was not fully accounted" : null;
        session.Finish(interrupted || failed, stopReason, verdict);
        Console.WriteLine($"results: {session.ResultsPath}");
        Console.WriteLine($"summary: {session.SummaryPath}");
        var report = ReportWriter.Write([session.Result], Path.Combine(session.OutputDirectory, "report.html"), root,
            ReportCommand.LoadHistory(null, root), ReportCommand.LoadBenchmarks(null, root), out var problem);
        Console.WriteLine(report is null ? "bench: " + problem : "report:  " + report);
        if (verdict is not null)
        {
            Console.Error.WriteLine("bench: run failed: " + verdict);
        }

        if (session.Agent is { Record.StartAt: not null } link)
        {
            // Past the barrier: whatever was measured (even an interrupted slice) goes to the coordinator, marked as it is.
            Console.WriteLine(AgentLink.Describe(link.Record));
            using var publish = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await link.PublishAsync(session.ResultsPath, publish.Token);
            Console.WriteLine("results published on the control broker");
        }

        return interrupted ? 130 : failed || verdict is not null ? 1 : 0;
    }
}
