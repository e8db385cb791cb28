namespace Bench.Reporting;

/// <summary>
/// CPU one process (client, worker, broker) spent in the measured window, in all and per request; and, for a process
/// that reports them, the thread-pool work items it completed in the window, in all and per request (each a hand-off
/// to a pool thread: see docs/rpc-cost.md). Null for a process that does not say (a broker, a Python peer).
/// </summary>
public sealed record CostRecord(string Process, double CpuSeconds, double CpuUsPerRequest, long? WorkItems = null, double? WorkItemsPerRequest = null);
