namespace Bench.Load;

/// <summary>CPU seconds one process spent during the measured window, and per completed request.</summary>
public readonly record struct CpuCost(string Name, double CpuSeconds, double MicrosecondsPerRequest);
