using Bench.Rpc.Raw;
using Bench.Rpc.Server;

namespace Bench.Harness.Workers;

/// <summary>A benchmark worker in the client's own process (all-in-one, like nova-combined): the same service and manager as `bench worker`.</summary>
public sealed class InProcessWorker : IAsyncDisposable
{
    private readonly Service _service;
    private readonly RawEchoServer? _raw;

    private InProcessWorker(Service service, RawEchoServer? raw)
    {
        _service = service;
        _raw = raw;
    }

    public static async Task<InProcessWorker> StartAsync(Uri uri, ServiceOptions options, bool raw, CancellationToken cancellationToken)
    {
        var casts = new OneWayStats();
        var rawCasts = raw ? new OneWayStats() : null;
        var manager = new BenchManager(casts, rawCasts);
        var service = await Service.StartAsync(uri, manager, options, cancellationToken: cancellationToken);
        service.CastReceived = casts.Record;
        manager.RejectedCount = () => service.DeadLettered + service.Failures;
        var rawServer = rawCasts is null ? null
            : await RawEchoServer.StartAsync(uri, options.Topic + ".raw", options.ControlExchange, options.Prefetch, options.Durable, rawCasts.Record, cancellationToken, quorum: options.QueueKind == QueueKind.Quorum, ackAfter: options.AckMode == AckMode.AfterHandling);
        return new InProcessWorker(service, rawServer);
    }

    public async ValueTask DisposeAsync()
    {
        if (_raw is not null)
        {
            await _raw.DisposeAsync();
        }

        await _service.DisposeAsync();
    }
}
