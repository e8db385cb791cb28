namespace Bench.Reporting.Sweeps;

/// <summary>One arrival rate of an open-model sweep: what was offered, what was achieved (ok/s), and p99 from the intended start.</summary>
public readonly record struct RatePoint(double Offered, double Achieved, double P99Us);
