namespace Bench.Reporting;

/// <summary>One second of a scenario as stored: the per-second samples comparisons test on.</summary>
public sealed record TimelineRecord(int Second, double Seconds, long Ok, long Failed, long TimedOut, double Throughput, double P50Us, double P99Us, double MaxUs, double RssMb);
