namespace Bench.Reporting;

/// <summary>One measured scenario with one set of settings: counts, latency (with raw histograms), timeline, cost.</summary>
public sealed record ScenarioRecord
{
    /// <summary>The scenario's frozen id; with <see cref="SettingsKey"/> it identifies the measurement across runs.</summary>
    public required string Id { get; init; }

    public required string SettingsKey { get; init; }

    /// <summary>
    /// Which repetition of its variant this is (1-based). With `--repeat N` a variant (same <see cref="Id"/> and
    /// <see cref="SettingsKey"/>) appears N times in a run, interleaved with the other variants.
    /// </summary>
    public int Repetition { get; init; } = 1;

    public required SortedDictionary<string, string> Settings { get; init; }

    public required string Load { get; init; }

    public required string Model { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public double WarmUpSeconds { get; init; }

    /// <summary>Issue window plus drain.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>From the first request to the last one issued (or the deadline): throughput's denominator.</summary>
    public double IssueSeconds { get; init; }

    /// <summary>After the issue window: waiting for what was in flight, and for casts, for the workers to drain.</summary>
    public double DrainSeconds { get; init; }

    public bool Incomplete { get; init; }

    /// <summary>
    /// The open model's generator fell behind: late starts above --max-late of the requests issued (1% unless set).
    /// Its latency is then the generator's as much as the system's: the run fails, and compare calls it invalid.
    /// </summary>
    public bool GeneratorLimited { get; init; }

    public string? StopReason { get; init; }

    public required CountsRecord Counts { get; init; }

    /// <summary>Ok requests per second over the issue window (for cast floods: deliveries per second at the worker, first to last arrival).</summary>
    public double Throughput { get; init; }

    /// <summary>What <see cref="Latency"/>'s primary figure means: "round-trip", "one-way (at worker)", "publish".</summary>
    public required string LatencyKind { get; init; }

    public required LatencyPair Latency { get; init; }

    /// <summary>call.sleep: the service time the workers really spent in `sleep`, beside the sleepMs asked for.</summary>
    public LatencyRecord? WorkerServiceTime { get; init; }

    /// <summary>Casts: latency from send to arrival, measured by the worker(s).</summary>
    public LatencyRecord? OneWay { get; init; }

    /// <summary>
    /// Calls with `--hops on` (the default) to Bench's workers: where the round trip went, hop by hop, from Bench-only
    /// timestamps. Empty otherwise.
    /// </summary>
    public List<HopRecord> Hops { get; init; } = [];

    /// <summary>What the hop stamps were taken with; figures from clocks on different hosts depend on their sync.</summary>
    public string? HopsClock { get; init; }

    public List<TimelineRecord> Timeline { get; init; } = [];

    public List<CostRecord> Cost { get; init; } = [];

    public List<ErrorRecord> Errors { get; init; } = [];

    public List<string> Notes { get; init; } = [];

    /// <summary>How an open model's rate was chosen when the spec gave a fraction of capacity (the search's steps); null otherwise.</summary>
    public Sweeps.RateChoiceRecord? RateChoice { get; init; }

    /// <summary>Faults injected during this scenario (`--fault`), each with its window and recovery.</summary>
    public List<FaultRecord> Faults { get; init; } = [];

    /// <summary>Worker exits, restarts and give-ups seen by the supervisor.</summary>
    public List<WorkerEventRecord> WorkerEvents { get; init; } = [];

    /// <summary>
    /// Whether the report draws it on the shared timeline and cost axes. False for a scenario whose scale would flatten
    /// every other (the harness's own cost, millions a second); its figures stay in the tables. Set by the scenario.
    /// </summary>
    public bool InTimeline { get; init; } = true;

    /// <summary>The id of the raw baseline this scenario is measured beside (raw.call for an oslo call), or null. Set by the scenario.</summary>
    public string? Baseline { get; init; }

    /// <summary>Cast scenarios in a fault run: sent, received unique, redelivered, duplicates, lost.</summary>
    public CastLedgerRecord? CastLedger { get; init; }

    /// <summary>The private cluster it ran on (queue leader, where each connection was), or null for one node or an external broker.</summary>
    public ClusterRecord? Cluster { get; init; }

    /// <summary>The broker's own view (queue depth, consumer utilisation, rates, alarms), sampled from its Prometheus endpoint; null when there was none to read.</summary>
    public Broker.BrokerRecord? Broker { get; init; }

    /// <summary>The bottleneck in words, from the broker's view and Bench's figures (<see cref="Broker.BottleneckVerdict"/>).</summary>
    public Broker.BottleneckRecord? Bottleneck { get; init; }

    /// <summary>Whether the scenario's figures agree (<see cref="Broker.ConsistencyCheck"/>); null when no check applies.</summary>
    public Broker.ConsistencyRecord? Consistency { get; init; }

    /// <summary>`--assert` thresholds checked against this scenario, each with its measured value and verdict; empty when none were given.</summary>
    public List<ThresholdRecord> Thresholds { get; init; } = [];
}
