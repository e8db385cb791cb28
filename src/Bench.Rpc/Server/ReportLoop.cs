using Microsoft.Extensions.Logging;

namespace Bench.Rpc.Server;

/// <summary>Nova's service report (heartbeat) loop: a beat every ReportInterval, handed to the listeners; a failing listener is logged, never fatal.</summary>
internal static class ReportLoop
{
    public static async Task RunAsync(ServiceOptions options, Func<long> nextCount, Action<ServiceHeartbeat> listeners, ILogger logger, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.ReportInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var beat = new ServiceHeartbeat(options.Host, options.Binary, options.Topic, nextCount(), DateTimeOffset.UtcNow);
                try
                {
                    listeners(beat);
                }
                catch (Exception e)
                {
                    logger.LogWarning("A report listener failed: {Error}", e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
