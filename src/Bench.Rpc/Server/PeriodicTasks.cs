using System.Reflection;
using Bench.Rpc.Dispatch;
using Microsoft.Extensions.Logging;

namespace Bench.Rpc.Server;

/// <summary>Runs a manager's [PeriodicTask] methods every PeriodicInterval, as Nova's periodic task loop does; a failing task is logged and the loop goes on.</summary>
internal sealed class PeriodicTasks(Manager manager, ILogger logger)
{
    private readonly List<MethodInfo> _tasks = [.. manager.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.GetCustomAttribute<PeriodicTaskAttribute>() is not null)];
    private long _runs;

    public bool Any => _tasks.Count > 0;

    public long Runs => Interlocked.Read(ref _runs);

    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var task in _tasks)
                {
                    try
                    {
                        var arguments = task.GetParameters().Length == 1 ? new object?[] { cancellationToken } : null;
                        switch (task.Invoke(manager, arguments))
                        {
                            case Task t:
                                await t;
                                break;
                            case ValueTask v:
                                await v;
                                break;
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        logger.LogWarning("Periodic task {Task} failed: {Error}", task.Name, (e as TargetInvocationException)?.InnerException?.Message ?? e.Message);
                    }
                }

                Interlocked.Increment(ref _runs);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
