namespace Bench.Reporting.Comparison;

/// <summary>
/// The synthetic runs of <see cref="StatisticsSelfCheck"/>: how many pairs per case (40 is the least that can show a
/// 5% false-alarm rate), repetitions a side, requests per repetition, and the run-to-run noise (standard deviation of
/// a lognormal factor on each repetition's latency and throughput).
/// </summary>
public sealed record SelfCheckOptions
{
    public int Pairs { get; init; } = 200;

    public int Repetitions { get; init; } = 5;

    public int RequestsPerRepetition { get; init; } = 20_000;

    public double RunNoise { get; init; } = 0.02;

    public int Seed { get; init; } = 20261121;

    /// <summary>CI's setting: the fewest pairs that still measure a 5% rate.</summary>
    public static SelfCheckOptions Quick { get; } = new() { Pairs = 40 };
}
