using Bench.Broker;
using Bench.Load;
using Bench.Reporting;

namespace Bench.Scenarios.Runs;

/// <summary>
/// One `bench run`: the broker it uses, the results it accumulates, and where they go. Results are rewritten
/// (atomically) after every scenario, so even a killed run leaves what it measured.
/// </summary>
internal sealed class RunSession(BrokerLease broker, string brokerVersion, string outputDirectory, RunResult initial, Action<string> warn)
{
    private RunResult _result = initial;

    public Uri BrokerUri => broker.Uri.Uri;

    public bool PrivateBroker => broker.IsPrivate;

    /// <summary>The private node (fault injection controls it), or null on an external broker.</summary>
    public Bench.Broker.PrivateBroker? PrivateNode => broker.PrivateBroker;

    /// <summary>The faults (`--fault`) every scenario of this run injects.</summary>
    public IReadOnlyList<Faults.FaultSpec> Faults { get; init; } = [];

    public int? BrokerProcessId => broker.PrivateBroker?.ProcessId is > 0 and var pid ? pid : null;

    public string BrokerVersion { get; } = brokerVersion;

    public string OutputDirectory { get; } = outputDirectory;

    public RunResult Result => _result;

    /// <summary>Child workers find the broker here rather than on their command line, where `ps` would show a password.</summary>
    public IReadOnlyDictionary<string, string> ChildEnvironment { get; } = new Dictionary<string, string> { [BrokerLease.EnvironmentVariable] = broker.Uri.Uri.OriginalString };

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
        };
        Save();
        ResultStore.WriteTextAtomic(SummaryPath, MarkdownSummary.Render(_result));
    }

    private void Save() => ResultStore.Write(ResultsPath, _result);
}
