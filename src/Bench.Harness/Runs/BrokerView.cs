using System.Diagnostics;
using Bench.Broker.Metrics;
using Bench.Reporting;
using Bench.Reporting.Broker;

namespace Bench.Harness.Runs;

/// <summary>
/// The broker's view of one scenario: a <see cref="BrokerSampler"/> on the run's metrics endpoints (the private node's
/// rabbitmq_prometheus, every node of a private cluster, or --broker-metrics), started before the warm-up and stopped
/// after the drain, its ticks flagged by the measurement's start and issue window. Without an endpoint it only says,
/// in one note, that the broker's view is missing.
/// </summary>
internal sealed class BrokerView : IAsyncDisposable
{
    private readonly BrokerSampler? _sampler;
    private readonly string _source;
    private long _measureStart;

    private BrokerView(BrokerSampler? sampler, string source)
    {
        _sampler = sampler;
        _source = source;
    }

    /// <summary>Starts sampling <paramref name="wanted"/> queues on the session's endpoints (or notes nothing can be).</summary>
    public static BrokerView Start(RunSession session, bool on, Func<string, bool> wanted)
    {
        var endpoints = session.BrokerMetrics;
        if (endpoints.Count == 0 || !on)
        {
            return new BrokerView(null, on ? string.Empty : "off");
        }

        var sampler = new BrokerSampler(endpoints, wanted);
        sampler.Start();
        return new BrokerView(sampler, session.BrokerMetricsSource);
    }

    /// <summary>The measurement starts now: ticks before it are warm-up.</summary>
    public void MarkMeasureStart() => _measureStart = Stopwatch.GetTimestamp();

    /// <summary>Stops sampling and puts the broker section (or the note that it is missing) into the record.</summary>
    public async Task<ScenarioRecord> AttachAsync(ScenarioRecord record)
    {
        if (_sampler is null)
        {
            record.Notes.Add(_source == "off" ? "the broker's view is off (--broker-view off)"
                : "the broker's view is missing: an external broker without --broker-metrics URL (its rabbitmq_prometheus endpoint)");
            return record;
        }

        var sampling = await _sampler.StopAsync();
        var broker = BrokerSeries.Build(sampling, _measureStart == 0 ? Stopwatch.GetTimestamp() : _measureStart, record.IssueSeconds, _source);
        if (broker.Summary.GapSeconds > 0)
        {
            record.Notes.Add($"broker view: {broker.Summary.GapSeconds} second(s) missing (scrape failed: {broker.Sampler.FirstError}); they are gaps, not zeros");
        }

        return record with { Broker = broker };
    }

    public ValueTask DisposeAsync() => _sampler?.DisposeAsync() ?? ValueTask.CompletedTask;
}
