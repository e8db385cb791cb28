using System.Text;
using Bench.Rpc.Celery;
using Bench.Rpc.Server;
using Bench.Testing;
using RabbitMQ.Client;

namespace Bench.Rpc.Tests.Server;

/// <summary>
/// Thousands of generated hostile casts (seeded, so a failure replays): random bytes, truncated JSON, deep nesting,
/// invalid UTF-8, large bodies, wrong content types, unknown methods, bad arguments. Every one of them must be
/// dead-lettered (Bench's oslo-style service) or rejected (Bench's Celery worker), none may stop the worker, and good
/// calls succeed afterwards.
/// </summary>
public sealed class FuzzTests(BrokerFixture broker) : IAsyncLifetime
{
    private const int Messages = 3000;
    private readonly RpcHarness _rpc = new(broker);
    private IConnection? _connection;
    private IChannel? _raw;

    public async ValueTask InitializeAsync()
    {
        _connection = await AmqpConnector.CreateFactory(_rpc.Uri, "bench-fuzz-raw").CreateConnectionAsync();
        _raw = await _connection.CreateChannelAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _raw!.CloseAsync();
        await _connection!.DisposeAsync();
        await _rpc.DisposeAsync();
    }

    [Fact]
    public async Task Every_hostile_cast_is_dead_lettered_and_the_service_still_answers()
    {
        var service = await _rpc.StartServiceAsync(new TestManager());
        var client = await _rpc.ConnectAsync();
        var random = new Random(13);
        for (var i = 0; i < Messages; i++)
        {
            var (contentType, body) = Hostile(random, i);
            await _raw!.BasicPublishAsync(string.Empty, _rpc.Topic, mandatory: false, new BasicProperties { ContentType = contentType }, body);
        }

        await Eventually.TrueAsync(() => service.Received >= Messages, "every message delivered", TimeSpan.FromMinutes(3));
        await Eventually.TrueAsync(() => service.DeadLettered == Messages, $"{Messages} dead letters (have {service.DeadLettered})", TimeSpan.FromMinutes(3));
        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => client.TryCallAsync(_rpc.Target, "add", RpcArgs.From(new { x = i, y = 1 })).AsTask()));
        Assert.Equal(100, results.Count(r => r.IsOk));
        Assert.Equal(Messages, service.DeadLettered);
        // The service counts a dead letter when it publishes it; the broker may route the last ones a moment later.
        uint deadLetters = 0;
        for (var i = 0; i < 600 && deadLetters < Messages; i++)
        {
            deadLetters = (await _raw!.QueueDeclarePassiveAsync(service.Options.EffectiveDeadLetterQueue)).MessageCount;
            if (deadLetters < Messages)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal((uint)Messages, deadLetters);
    }

    [Fact]
    public async Task Every_hostile_task_is_rejected_by_the_Celery_worker_and_it_still_answers()
    {
        var queue = BrokerFixture.UniqueName("fuzz-celery");
        await using var worker = await CeleryWorker.StartAsync(_rpc.Uri, new TestManager(), new CeleryWorkerOptions { Queue = queue });
        await using var client = await CeleryClient.ConnectAsync(_rpc.Uri, new CeleryClientOptions { Queue = queue, DefaultTimeout = TimeSpan.FromSeconds(30) });
        var random = new Random(31);
        for (var i = 0; i < Messages; i++)
        {
            var (contentType, body) = Hostile(random, i);
            var headers = new Dictionary<string, object?> { ["task"] = i % 2 == 0 ? "tasks.nope" : "tasks.add", ["id"] = "fuzz-" + i, ["lang"] = "py" };
            await _raw!.BasicPublishAsync(string.Empty, queue, mandatory: false, new BasicProperties { ContentType = contentType, Headers = headers }, body);
        }

        await Eventually.TrueAsync(() => worker.Rejected + worker.Failed == Messages, $"{Messages} rejected or failed (have {worker.Rejected} + {worker.Failed})", TimeSpan.FromMinutes(3));
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.TryApplyAsync("tasks.add", RpcArgs.FromJsonArray($"[{i}, 1]")).AsTask()));
        Assert.Equal(50, results.Count(r => r.IsOk));
        Assert.Equal(50, worker.Succeeded);
    }

    // One hostile message of eight kinds, each certain to be unusable as a cast.
    private static (string ContentType, byte[] Body) Hostile(Random random, int i)
    {
        const string Json = "application/json";
        switch (i % 8)
        {
            case 0:
            {
                var bytes = new byte[random.Next(1, 512)];
                random.NextBytes(bytes);
                bytes[0] = (byte)'#'; // never a JSON value's first byte
                return (Json, bytes);
            }

            case 1:
            {
                var whole = "{\"method\": \"add\", \"args\": {\"x\": 1, \"y\": 2}}";
                return (Json, Encoding.UTF8.GetBytes(whole[..random.Next(1, whole.Length - 1)]));
            }

            case 2:
            {
                var depth = random.Next(1000, 20_000);
                return (Json, Encoding.UTF8.GetBytes("{\"method\": \"add\", \"args\": " + new string('[', depth) + new string(']', depth) + "}"));
            }

            case 3:
                return (Json, [.. "{\"method\": \"ad"u8, 0xC3, 0x28, 0xFF, .. "\", \"args\": {}}"u8]);
            case 4:
                return ("text/plain", Encoding.UTF8.GetBytes("{\"method\": \"count\", \"args\": {}}"));
            case 5:
                return (Json, Encoding.UTF8.GetBytes("{\"method\": \"nope_" + random.Next() + "\", \"args\": {}}"));
            case 6:
                return (Json, Encoding.UTF8.GetBytes("{\"method\": \"add\", \"args\": {\"x\": \"" + random.Next() + "\", \"y\": null}}"));
            default:
            {
                // A large body (up to 1 MiB) that is not JSON at all.
                var bytes = new byte[random.Next(64 << 10, 1 << 20)];
                bytes.AsSpan().Fill((byte)'x');
                return (Json, bytes);
            }
        }
    }
}
