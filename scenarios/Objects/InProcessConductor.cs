using Bench.Rpc.Server;

namespace Bench.Scenarios.Objects;

/// <summary>A conductor in the client's own process (the in-process worker of the object scenarios).</summary>
internal sealed class InProcessConductor(Service service) : IAsyncDisposable
{
    public static async Task<InProcessConductor> StartAsync(Uri uri, ServiceOptions options, CancellationToken cancellationToken) =>
        new(await Service.StartAsync(uri, ObjectScenario.CreateConductor(), options, cancellationToken: cancellationToken));

    public ValueTask DisposeAsync() => service.DisposeAsync();
}
