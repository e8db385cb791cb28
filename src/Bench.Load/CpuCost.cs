namespace Bench.Load;

/// <summary>
/// CPU seconds one process spent during the measured window, and per completed request; with the process's
/// thread-pool work items in the window (<see cref="ThreadPool.CompletedWorkItemCount"/>) where it reports them: each
/// is a hand-off to a pool thread, and a wake-up when the pool sleeps, so per request it shows how a process passes
/// work on (null when the process does not report it: a broker, a Python peer, a worker that does not host Bench's manager).
/// </summary>
public readonly record struct CpuCost(string Name, double CpuSeconds, double MicrosecondsPerRequest, long? WorkItems = null, double? WorkItemsPerRequest = null);
