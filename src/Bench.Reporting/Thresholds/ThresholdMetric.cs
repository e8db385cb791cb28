namespace Bench.Reporting.Thresholds;

/// <summary>What a threshold measures. Latency metrics read the scenario's headline latency (see <see cref="Threshold.Evaluate"/>).</summary>
public enum ThresholdMetric
{
    /// <summary>pN: the N-th latency percentile, N from 0 to 100 (p50, p99, p99.9, p99.99…).</summary>
    Percentile,

    /// <summary>Mean latency (exact, from the histogram's running sum).</summary>
    Mean,

    /// <summary>Largest latency (exact).</summary>
    Max,

    /// <summary>(failed + timed out) / issued.</summary>
    Errors,

    /// <summary>The scenario's throughput: ok requests per second (cast floods: deliveries per second at the worker).</summary>
    Throughput,
}
