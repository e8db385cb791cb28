using Bench.Harness.Faults;
using Bench.Harness.Options;
using Bench.Harness.Runs;

namespace Bench.Scenarios.Cli;

/// <summary>
/// The options of `bench run` and `bench worker` that are not scenario settings: what to run, where the broker and the
/// results are, the target of an external run, faults and thresholds. Listed here once for `--help`; each command
/// reads them by these names (CliArgs rejects a name it was not asked for).
/// </summary>
internal static class CommandOptions
{
    private const OptionScope Run = OptionScope.Run;
    private const OptionScope Worker = OptionScope.Worker | OptionScope.CeleryWorker;

    public static IReadOnlyList<OptionSpec> All { get; } =
    [
        new("suite", "NAME", "a named suite: " + string.Join(", ", Catalog.Suites.Names) + " (without --scenario, --target or --file: default)", Run),
        new("scenario", "ID[,ID…]", "one or more of Bench's scenarios by id (see the scenario table in README.md)", Run),
        new("method", "M", "with --target oslo: the method to call; without: echo|add|sleep, shorthand for --scenario call.M", Run),
        new("file", "PATH", "a scenario file (YAML or JSON); flags given beside it override it", Run),
        new("target", "oslo|celery", "drive a service Bench did not start (needs --amqp): an oslo.messaging server or a Celery worker", Run),
        new("topic", "T", "oslo target: the topic it consumes; worker: the topic (or Celery queue) to serve", Run | Worker),
        new("server", "H", "oslo target: one server on the topic; worker: its server name", Run | Worker),
        new("exchange", "X", "oslo target or worker: the control exchange", Run | Worker) { Default = "openstack" },
        new("namespace", "NS", "oslo target: the endpoint namespace", Run),
        new("version", "V", "oslo target: the version the requests ask for (e.g. 5.1)", Run),
        new("args", "JSON", "target: oslo keyword args (an object) or Celery positional args (an array); {{seq}} {{uuid}} {{rand:A-B}} {{choice:a|b}} {{bytes:N}} are filled per request", Run),
        new("kwargs", "JSON", "Celery target: keyword args (an object), templated like --args", Run),
        new("task", "NAME", "Celery target: the task's name", Run),
        new("queue", "Q", "Celery target: the queue its worker consumes", Run) { Default = "celery" },
        new("cast", string.Empty, "target: fire and forget (oslo cast, Celery ignore_result); the figure is the queue's drain", Run) { IsFlag = true },
        new("assert", "EXPR", "a threshold checked per scenario, e.g. 'p99<20ms', 'errors<0.1%', 'throughput>1000'; a breach exits 1", Run) { Repeatable = true },
        new("repeat", "N", "run the whole plan N times, interleaved, for a statistical compare", Run) { Default = "1" },
        new("fault", "KIND@T[+D]", "inject a fault into every scenario: " + string.Join(", ", FaultSpec.Kinds), Run) { Repeatable = true },
        new("max-error-rate", "FRACTION", "fail the run (exit 1) when a scenario's failed + timed out share is above this", Run) { Default = RunVerdict.DefaultMaxErrorRate.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) },
        new("max-late", "FRACTION", "flag a scenario generator-limited when an open model's late starts are above this share of its requests; given, it also fails the run (exit 1)", Run) { Default = RunVerdict.DefaultMaxLate.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) },
        new("max-recovery", "SECONDS", "fail the run when recovery after a fault takes longer", Run) { Default = RunVerdict.DefaultMaxRecoverySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        new("amqp", "URI", "an existing broker (else BENCH_AMQP_URI, else a private node Bench starts); amqps:// is verified against --ca-cert or the system store", Run | Worker),
        new("ca-cert", "FILE", "the CA certificate (PEM) an amqps:// broker's certificate must chain to (also BENCH_AMQP_CA_CERT)", Run | Worker),
        new("broker-metrics", "URL", "the Prometheus endpoint (rabbitmq_prometheus, http://[user:password@]host:15692/metrics) of a broker Bench did not start: the broker's view of the run (Bench's private node is always sampled; --broker-view off turns it off)", Run),
        new("broker-metrics-auth", "FILE", "user:password for --broker-metrics, from a file instead of the URL", Run),
        new("metrics-listen", "ADDR:PORT", "serve Bench's own live figures (requests by outcome, ok/s, latency histogram, late starts, in flight) for Prometheus at http://ADDR:PORT/metrics while the run goes, labelled by scenario and settings", Run),
        new("out", "DIR", "where results go", Run) { Default = "results/runs/<run id>" },
        new("agents", "N", "run as one of N load agents (its slice of the load, started at a coordinator's signal); with --local, start N agents and their coordinator here", Run),
        new("agent-index", "I", "this agent's index, 0 to N-1 (else BENCH_AGENT_INDEX, else Kubernetes' JOB_COMPLETION_INDEX)", Run),
        new("control", "URI", "the control broker agents and coordinator meet on, never the one under test (else BENCH_CONTROL_URI)", Run),
        new("run-name", "NAME", "agents: the run's name on the control broker, so runs sharing it do not mix", Run) { Default = "bench" },
        new("barrier-timeout", "SECONDS", "agents: how long to wait for the coordinator's start", Run) { Default = "600" },
        new("local", string.Empty, "with --agents N: start N agent processes, a private control broker and the coordinator on this host", Run) { IsFlag = true },
        new("concurrency", "N", "worker: handlers running at once (Celery: pool size)", Worker) { Default = "64 (Celery: 1)" },
        new("rate-limit", "METHOD=PER_SECOND", "worker: a rate limit on a method or task", Worker),
        new("raw", string.Empty, "worker: also serve the plain RabbitMQ.Client baseline on queue T.raw; with --celery, serve the task queue with the Celery baseline instead (plain RabbitMQ.Client: acks, answers SUCCESS with a null result, runs no task)", Worker) { IsFlag = true },
        new("conductor", string.Empty, "worker: host Nova's conductor (the object scenarios) instead of the benchmark manager", OptionScope.Worker) { IsFlag = true },
        new("celery", string.Empty, "worker: serve the methods as Celery tasks (tasks.add, …)", Worker) { IsFlag = true },
        new("control-topic", "TOPIC", "Celery worker: also answer Bench's control methods (its compiled-method count, for the warm-up) on this oslo topic", OptionScope.CeleryWorker),
        new("report-interval", "SECONDS", "worker: how often it logs what it handled", OptionScope.Worker) { Default = "10" },
        new("quiet", string.Empty, "worker: warnings only", Worker) { IsFlag = true },
    ];

    /// <summary>The flags (options without a value) of a command, for CliArgs.</summary>
    public static HashSet<string> Flags(OptionScope scope) =>
        [.. All.Where(o => o.IsFlag && (o.Scope & scope) != 0).Select(o => o.Name), .. OptionTable.Settings.Where(o => o.IsFlag && (o.Scope & scope) != 0).Select(o => o.Name)];
}
