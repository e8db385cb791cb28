using Bench.Broker;
using Bench.Load;
using Bench.Reporting;

namespace Bench.Harness.Runs;

/// <summary>
/// One `bench run`: the broker it uses, the results it accumulates, and where they go. Results are rewritten
/// (atomically) after every scenario, so even a killed run leaves what it measured.
/// </summary>
public sealed class RunSession(BrokerLeases brokers, string brokerVersion, string outputDirectory, RunResult initial, Action<string> warn)
{
    private RunResult _result = initial;

    private BrokerLease Lease => brokers.Current;

    /// <summary>The private cluster the current scenario runs on, or null (one node, or an external broker).</summary>
    public PrivateCluster? Cluster => Lease.Cluster;

    /// <summary>Every node whose CPU the run reads: the cluster's nodes, the private node, or none (external).</summary>
    public IReadOnlyList<Bench.Broker.PrivateBroker> PrivateNodes => Lease.Cluster?.Nodes ?? (Lease.PrivateBroker is { } node ? [node] : []);

    /// <summary>The broker's plain address (on a private node with a TLS listener, the amqp:// one; see <see cref="UriFor"/>).</summary>
    public Uri BrokerUri => Lease.Cluster?.Uri.Uri ?? Lease.PrivateBroker?.Uri.Uri ?? Lease.Uri.Uri;

    /// <summary>
    /// Where a scenario connects: the private node's amqps listener when its settings ask for TLS (so plain and TLS
    /// run side by side on one node), else the plain one; an external broker's URI as given (its scheme decides).
    /// </summary>
    public Uri UriFor(bool tls) => tls && Lease.PrivateBroker is { } node
        ? node.TlsUri?.Uri ?? throw new InvalidOperationException("this private node has no TLS listener (the run did not ask for one)")
        : BrokerUri;

    public bool PrivateBroker => Lease.IsPrivate;

    /// <summary>The private node (fault injection controls it), or null on an external broker.</summary>
    public Bench.Broker.PrivateBroker? PrivateNode => Lease.PrivateBroker;

    /// <summary>The faults (`--fault`) every scenario of this run injects.</summary>
    public IReadOnlyList<Faults.FaultSpec> Faults { get; init; } = [];

    /// <summary>This run is one agent of several (`--agents N`): its slice, its start barrier, its record.</summary>
    public Agents.AgentLink? Agent { get; init; }

    public string BrokerVersion { get; } = brokerVersion;

    public string OutputDirectory { get; } = outputDirectory;

    public RunResult Result => _result;

    /// <summary>Child workers find the broker here rather than on their command line, where `ps` would show a password.</summary>
    public static IReadOnlyDictionary<string, string> ChildEnvironment(Uri broker) => new Dictionary<string, string> { [BrokerLease.EnvironmentVariable] = broker.OriginalString };

    public string ResultsPath => Path.Combine(OutputDirectory, ResultStore.ResultsFileName);

    public string SummaryPath => Path.Combine(OutputDirectory, "summary.md");

    public void Warn(string message) => warn(message);

    public void Add(ScenarioRecord record)
    {
        _result = _result with { Scenarios = [.. _result.Scenarios, record] };
        Save();
    }

    public void Finish(bool incomplete, string? stopReason, string? verdict = null)
    {
        _result = _result with
        {
            Verdict = verdict,
            FinishedAt = DateTimeOffset.UtcNow,
            Incomplete = incomplete || _result.Scenarios.Any(s => s.Incomplete),
            StopReason = stopReason,
            PeakRssMb = ProcessMemory.PeakResidentBytes() / 1048576.0,
            Agent = Agent?.Record,
        };
        Save();
        ResultStore.WriteTextAtomic(SummaryPath, MarkdownSummary.Render(_result));
        Bench.Reporting.Exports.ResultExports.WriteAll(_result, OutputDirectory);
    }

    private void Save() => ResultStore.Write(ResultsPath, _result);
}
