namespace Bench.Rpc.Dispatch;

/// <summary>
/// Marks a manager method the service runs every periodic interval (Nova's periodic_task). The method takes nothing
/// or a CancellationToken and returns void, Task or ValueTask. Its faults are logged; the next run still happens.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class PeriodicTaskAttribute : Attribute;
