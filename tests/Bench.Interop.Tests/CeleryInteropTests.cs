using Bench.Rpc;
using Bench.Rpc.Celery;
using Bench.Testing;

namespace Bench.Interop.Tests;

/// <summary>Bench against real Celery 5.2 (Debian), both ways: C# client → Celery worker, Celery client → C# worker.</summary>
public sealed class CeleryInteropTests(BrokerFixture broker)
{
    [Fact]
    public async Task CSharp_client_gets_results_and_failures_from_a_real_Celery_worker()
    {
        var queue = BrokerFixture.UniqueName("celery");
        await using var worker = await PeerProcess.StartAsync("celery/worker.sh", ["-Q", queue, "--pool", "solo", "-c", "1", "--loglevel=INFO"],
            environment: new Dictionary<string, string> { ["BENCH_CELERY_BROKER"] = broker.Uri.Uri.OriginalString }, readyText: " ready.");
        await using var client = await CeleryClient.ConnectAsync(broker.Uri.Uri, new CeleryClientOptions { Queue = queue, DefaultTimeout = TimeSpan.FromSeconds(30) });

        var sum = await client.ApplyAsync<long>("tasks.add", RpcArgs.FromJsonArray("[4, 4]"));
        var slept = await client.ApplyAsync<long>("tasks.sleep", RpcArgs.FromJsonArray("[]"), RpcArgs.FromJson("{\"ms\": 5}"));
        var failure = await Assert.ThrowsAsync<RemoteError>(() => client.ApplyAsync<long>("tasks.fail", RpcArgs.FromJsonArray("[\"boom\"]")));
        var unknown = await Assert.ThrowsAsync<RemoteError>(() => client.ApplyAsync<long>("tasks.nope", RpcArgs.FromJsonArray("[]")));
        await client.SendAsync("tasks.count", RpcArgs.FromJsonArray("[]"));

        Assert.Equal(8, sum);
        Assert.Equal(5, slept);
        Assert.Equal(("ValueError", "builtins", "boom"), (failure.ExceptionClass, failure.Module, failure.RemoteMessage));
        Assert.Contains(failure.Traceback, t => t.Contains("raise ValueError(message)", StringComparison.Ordinal));
        Assert.Equal(("NotRegistered", "celery.exceptions", "tasks.nope"), (unknown.ExceptionClass, unknown.Module, unknown.RemoteMessage));
    }

    [Fact]
    public async Task Real_Celery_client_gets_results_and_failures_from_the_CSharp_worker()
    {
        var queue = BrokerFixture.UniqueName("celery");
        await using var worker = await CeleryWorker.StartAsync(broker.Uri.Uri, new InteropManager(), new CeleryWorkerOptions { Queue = queue, TaskPrefix = "tasks." });

        var lines = await PeerProcess.RunAsync("celery/apply.py", ["--url", broker.Uri.Uri.OriginalString, "--queue", queue,
            "tasks.add", "[4, 4]", "tasks.fail", "[\"raised in C#\"]", "tasks.nope", "[]", "tasks.add", "[1]"]);

        Assert.Equal("{\"ok\": true, \"result\": 8}", lines[0]);
        Assert.Equal("{\"ok\": false, \"type\": \"ValueError\", \"module\": \"builtins\", \"message\": \"raised in C#\"}", lines[1]);
        Assert.StartsWith("{\"ok\": false, \"type\": \"NotRegistered\"", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("{\"ok\": false, \"type\": \"TypeError\"", lines[3], StringComparison.Ordinal);
        Assert.Equal(2, worker.Failed);
        Assert.Equal(1, worker.Rejected);
    }
}
