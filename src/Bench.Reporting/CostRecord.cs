namespace Bench.Reporting;

/// <summary>CPU one process (client, worker, broker) spent in the measured window, in all and per request.</summary>
public sealed record CostRecord(string Process, double CpuSeconds, double CpuUsPerRequest);
