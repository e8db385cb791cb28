using System.Diagnostics;
using Bench.Broker;
using Bench.Rpc;
using Bench.Testing;

namespace Bench.Scenarios.Tests;

/// <summary>
/// A real Celery 5.2 worker on scenarios/examples/celery_app/shop.py — an app Bench's code does not define — consuming
/// its own queue, solo pool (so shop.stats counts every task run exactly), prefetch multiplier 64 (see shop.py on the
/// solo stall). Ready once it consumes the queue.
/// </summary>
internal static class ShopWorker
{
    public static async Task<ChildProcess> StartAsync(Uri broker, string queue)
    {
        var start = new ProcessStartInfo(PeerProcess.Python)
        {
            WorkingDirectory = Path.Combine(RepoRoot.Path, "scenarios", "examples", "celery_app"),
        };
        foreach (var argument in new[] { "-m", "celery", "-A", "shop", "worker", "--loglevel=WARNING", "-Q", queue, "--pool", "solo", "-c", "1", "--prefetch-multiplier", "64" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SHOP_BROKER_URL"] = broker.OriginalString;
        start.Environment["PYTHONUNBUFFERED"] = "1";
        var worker = ChildProcess.Start(start, "shop worker", _ => false);
        await worker.WaitReadyAsync(TimeSpan.FromSeconds(90), CancellationToken.None, () => QueueProbe.HasConsumerAsync(broker, queue));
        return worker;
    }
}
