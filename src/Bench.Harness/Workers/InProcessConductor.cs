using Bench.Rpc.Server;

namespace Bench.Harness.Workers;

/// <summary>A conductor in the client's own process (the in-process worker of the object scenarios).</summary>
public sealed class InProcessConductor(Service service) : IAsyncDisposable
{
    public static async Task<InProcessConductor> StartAsync(Uri uri, ServiceOptions options, CancellationToken cancellationToken) =>
        new(await Service.StartAsync(uri, NovaConductor.Create(), options, cancellationToken: cancellationToken));

    public ValueTask DisposeAsync() => service.DisposeAsync();
}
