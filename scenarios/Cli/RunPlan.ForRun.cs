using Bench.Broker;
using Bench.Broker.Metrics;
using Bench.Harness.Agents;
using Bench.Harness.Options;
using Bench.Harness.Runs;
using Bench.Rpc;
using Bench.Scenarios.Metrics;

namespace Bench.Scenarios.Cli;

/// <summary>The checks and settings of one `bench run` process beyond what it runs (<see cref="From"/>).</summary>
internal sealed partial record RunPlan
{
    /// <summary>--repeat: how many interleaved repetitions of every spec.</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>The thresholds, parsed.</summary>
    public IReadOnlyList<Reporting.Thresholds.Threshold> ParsedThresholds { get; init; } = [];

    /// <summary>The user's broker (--amqp, the file's or BENCH_AMQP_URI); null means Bench's private node.</summary>
    public string? External { get; init; }

    /// <summary>--out, or null for results/runs/&lt;run id&gt;/.</summary>
    public string? OutDirectory { get; init; }

    public RunChecks Checks { get; init; } = new([], RunVerdict.DefaultMaxErrorRate, RunVerdict.DefaultMaxRecoverySeconds);

    public AgentSettings? Agent { get; init; }

    public MetricsEndpoint? BrokerMetrics { get; init; }

    /// <summary>A scenario asks for TLS on Bench's private node.</summary>
    public bool Tls { get; init; }

    /// <summary>--metrics-listen ADDR:PORT (checked here, bound by the command before the broker starts), or null.</summary>
    public string? MetricsListen { get; init; }

    /// <summary>
    /// The whole plan of one `bench run` process: <see cref="From"/> and every check of the flags that go with it
    /// (repetitions, faults, agents, broker metrics, TLS, nodes), all before a broker starts, so each is one line and
    /// exit 2. The order of the checks is the order of the error lines users see.
    /// </summary>
    public static RunPlan ForRun(CliArgs args)
    {
        var plan = From(args);
        var specs = plan.Specs;
        var thresholds = plan.Thresholds.Select(t => ParseThreshold(t)).ToList();
        var repeat = args.String("repeat") is { } r ? OptionParsers.Int(r, "repeat", 1, 1000) : 1;
        var outDirectory = args.String("out");
        var external = plan.Amqp ?? (Environment.GetEnvironmentVariable(BrokerLease.EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);
        var checks = RunChecks.Parse(args, externalBroker: external is not null);
        CeleryRun.RefuseFaults(specs, checks.Faults);
        CeleryRun.RefuseRawRateLimit(specs);
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

        if (metricsListen is not null)
        {
            MetricsListener.Parse(metricsListen);
        }

        return plan with
        {
            Specs = specs,
            ParsedThresholds = thresholds,
            Repeat = repeat,
            OutDirectory = outDirectory,
            External = external,
            Checks = checks,
            Agent = agent,
            BrokerMetrics = brokerMetrics,
            Tls = tls,
            MetricsListen = metricsListen,
        };
    }
}
