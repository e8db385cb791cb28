using System.Globalization;
using Bench.Broker;
using Bench.Harness;
using Bench.Harness.Agents;
using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Harness.Runs;
using Bench.Harness.Workers;
using Bench.Scenarios.Catalog;
using Bench.Scenarios.Cli;

namespace Bench.Scenarios.Cli;

/// <summary>
/// `bench run … --agents N --local`: N agent processes and their coordinator on this host, through the same code a
/// multi-host run uses (agents are `bench run --agents N --agent-index I`, the coordinator is `bench coordinate`'s),
/// with a private control node beside the broker under test. Without --target, one `bench worker` is started for all
/// agents and they call it as an oslo target (--method echo, the default, or add).
/// </summary>
internal static class LocalAgents
{
    // Decided here for every agent; the broker's URI reaches them in BENCH_AMQP_URI, where `ps` cannot show a password.
    private static readonly HashSet<string> s_dropped = ["local", "out", "payload", "method", "agent-index", "control", "run-name", "amqp"];

    /// <summary>What an agent can run: one scenario with one set of settings, whose closed-model counts split over the agents.</summary>
    public static void CheckAgentPlan(IReadOnlyList<ScenarioSpec> specs, int repeat, int faults, int agents)
    {
        if (specs.Count != 1 || repeat != 1)
        {
            throw new UsageException($"an agent runs one scenario with one set of settings, not {specs.Count * repeat} runs (no suite, sweep or --repeat with --agents)");
        }

        if (faults > 0)
        {
            throw new UsageException("--fault acts on one host's workers and node; it is not available with --agents");
        }

        var s = specs[0].Settings;
        if (s.Rate is null && (s.Outstanding < agents || s.Requests < agents))
        {
            throw new UsageException($"--outstanding {s.Outstanding}{(s.Requests is { } r ? $" and --requests {r}" : string.Empty)} cannot be split over {agents} agents: each needs at least one");
        }
    }

    public static async Task<int> RunAsync(CliArgs args, IReadOnlyList<string> commandLine)
    {
        var agents = (int)(args.Int64("agents", 1, 64) ?? throw new UsageException("--local starts the agents of a multi-agent run: give --agents N"));
        if (args.Has("agent-index") || args.Has("control"))
        {
            throw new UsageException("--local starts its own agents and control node: give neither --agent-index nor --control");
        }

        var target = args.String("target");
        var method = args.String("method") ?? "echo";
        var payload = args.String("payload") is { } p ? OptionParsers.Int(p, "payload", 0, 64 << 20) : 1024;
        if (target is null && (args.Has("scenario") || args.Has("suite") || args.Has("file")))
        {
            throw new UsageException("--local without --target runs one Bench worker for all agents and calls it as an oslo target: give --method echo|add (and settings), or --target for your own service");
        }

        if (target is null && method is not ("echo" or "add"))
        {
            throw new UsageException($"--local calls Bench's worker: --method echo or add, not '{method}'");
        }

        var runName = "local-" + Guid.NewGuid().ToString("N")[..8];
        var topic = "bench-agents-" + runName[6..];
        var output = Path.GetFullPath(args.String("out") ?? Path.Combine(RepositoryRoot.Find() ?? Environment.CurrentDirectory, "results", "runs",
            DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-agents"));
        var agentArguments = Without(commandLine, s_dropped).ToList();
        if (target is null)
        {
            agentArguments.AddRange(["--target", "oslo", "--topic", topic, "--method", method, "--args", method == "echo" ? $"{{\"payload\": \"{{{{bytes:{payload}}}}}\"}}" : "{\"x\": {{seq}}, \"y\": 1}"]);
        }
        else if (args.String("method") is { } targetMethod)
        {
            agentArguments.AddRange(["--method", targetMethod]);
        }

        agentArguments.AddRange(["--run-name", runName]);
        var amqp = args.String("amqp");
        Validate(agentArguments, agents, amqp is not null);

        using var signal = new ShutdownSignal();
        Console.WriteLine($"bench run: {agents} local agents, a private control node, {(amqp is null ? "a private node under test" : "the broker under test " + AmqpUri.MaskText(amqp))}{(target is null ? ", one Bench worker (topic " + topic + ")" : string.Empty)}; results in {output}");
        var controlStart = PrivateBroker.StartAsync(null, signal.Token);
        var brokerStart = BrokerLease.AcquireAsync(amqp, null, signal.Token);
        await using var control = await controlStart;
        await using var broker = await brokerStart;
        await using var worker = target is null
            ? await WorkerProcess.StartAsync(["--topic", topic], "agents-worker", RunSession.ChildEnvironment(broker.Uri.Uri), signal.Token, Path.Combine(output, "worker.log"))
            : null;

        var environment = new Dictionary<string, string> { [AgentSettings.ControlVariable] = control.Uri.Uri.OriginalString, [BrokerLease.EnvironmentVariable] = broker.Uri.Uri.OriginalString, ["CI"] = "true" };
        var children = new List<ChildProcess>();
        try
        {
            for (var i = 0; i < agents; i++)
            {
                var index = i.ToString(CultureInfo.InvariantCulture);
                var agentOut = Path.Combine(output, "agents", "agent-" + index);
                children.Add(ChildProcess.Start(SelfProcess.StartInfo([.. agentArguments, "--agent-index", index, "--out", agentOut], environment), "agent " + index, logPath: agentOut + ".log"));
            }

            var coordinator = new Coordinator(control.Uri, agents, runName, message => Console.WriteLine("coordinator: " + message))
            {
                // Local agents start in seconds; one that has not reported ready by then has failed (its log says why).
                ReadyTimeout = TimeSpan.FromSeconds(180),
                ResultsTimeout = TimeSpan.FromSeconds(60),
            };
            var exit = await CoordinateCommand.RunAsync(coordinator, output, AmqpUri.MaskText("bench " + string.Join(' ', commandLine)), signal.Token);
            foreach (var child in children.Where(c => c.HasExited && c.ExitCode != 0))
            {
                Console.Error.WriteLine($"bench: {child.Name} {child.DescribeExit()} (log: {Path.Combine(output, "agents", child.Name.Replace(' ', '-') + ".log")})");
            }

            return signal.Token.IsCancellationRequested ? 130 : exit;
        }
        finally
        {
            foreach (var child in children)
            {
                await child.DisposeAsync();
            }
        }
    }

    /// <summary>The agents' command line: the user's, without what --local decides itself (names with their values).</summary>
    private static IEnumerable<string> Without(IReadOnlyList<string> commandLine, HashSet<string> names)
    {
        for (var i = 0; i < commandLine.Count; i++)
        {
            var token = commandLine[i];
            var name = token.StartsWith("--", StringComparison.Ordinal) ? token[2..].Split('=', 2)[0] : null;
            if (name is not null && names.Contains(name))
            {
                if (!token.Contains('=', StringComparison.Ordinal) && name != "local" && i + 1 < commandLine.Count)
                {
                    i++; // its value
                }

                continue;
            }

            yield return token;
        }
    }

    /// <summary>The agents' flags checked here, as an agent will read them, so a bad one is one line and exit 2 before any node starts.</summary>
    private static void Validate(List<string> agentArguments, int agents, bool externalBroker)
    {
        // Placeholders where the agents get real values later (the brokers do not exist yet).
        List<string> placeholders = ["--agent-index", "0", "--control", "amqp://control.invalid", "--amqp", "amqp://localhost"];
        var args = new CliArgs([.. agentArguments.Skip(1), .. placeholders], RunCommand.Flags);
        var plan = RunPlan.From(args);
        var repeat = args.String("repeat") is { } r ? OptionParsers.Int(r, "repeat", 1, 1000) : 1;
        var checks = RunChecks.Parse(args, externalBroker);
        args.String("ca-cert");
        AgentOptions.From(args);
        args.All("assert");
        args.EnsureAllUsed();
        CheckAgentPlan(plan.Specs, repeat, checks.Faults.Count, agents);
    }
}
