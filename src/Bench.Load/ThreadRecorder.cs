namespace Bench.Load;

/// <summary>
/// The stats of one thread within one run: written only by that thread, so recording is plain increments.
/// Interval histograms come in a pair, selected by the run's epoch, so the timeline can take one second's data
/// while the thread goes on writing the other.
/// </summary>
internal sealed class ThreadRecorder(RunRecorder owner)
{
    public RunRecorder Owner { get; } = owner;

    /// <summary>Latency of ok requests from their intended start (open model) or their start (closed model).</summary>
    public LatencyHistogram Corrected { get; } = new();

    /// <summary>Latency of ok requests from their actual start: the service time, without queueing in the generator.</summary>
    public LatencyHistogram Raw { get; } = new();

    public LatencyHistogram[] Interval { get; } = [new(), new()];

    /// <summary>Cumulative counts per outcome.</summary>
    public long[] Counts { get; } = new long[3];

    /// <summary>Counts per outcome per epoch parity: [parity * 3 + outcome].</summary>
    public long[] IntervalCounts { get; } = new long[6];

    public void Record(Outcome outcome, long correctedNs, long rawNs, int parity)
    {
        Counts[(int)outcome]++;
        IntervalCounts[(parity * 3) + (int)outcome]++;
        if (outcome == Outcome.Ok)
        {
            Corrected.Record(correctedNs);
            Raw.Record(rawNs);
            Interval[parity].Record(correctedNs);
        }
    }
}
