using Bench.Rpc.Server;
using Bench.Testing;

namespace Bench.Rpc.Tests.Server;

/// <summary>Starts services and clients on the assembly's broker, each test on its own topic, and stops them all.</summary>
public sealed class RpcHarness(BrokerFixture broker) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    public string Topic { get; } = BrokerFixture.UniqueName("topic");

    public Uri Uri => broker.Uri.Uri;

    public async Task<Service> StartServiceAsync(Manager manager, string host = "h1", Func<ServiceOptions, ServiceOptions>? configure = null)
    {
        var options = new ServiceOptions { Topic = Topic, Host = host, ShutdownTimeout = TimeSpan.FromSeconds(20) };
        var service = await Service.StartAsync(Uri, manager, configure?.Invoke(options) ?? options);
        _owned.Add(service);
        return service;
    }

    public async Task<RpcClient> ConnectAsync(RpcClientOptions? options = null)
    {
        var client = await RpcClient.ConnectAsync(Uri, options ?? new RpcClientOptions { DefaultTimeout = TimeSpan.FromSeconds(20) });
        _owned.Add(client);
        return client;
    }

    public Target Target => new(Topic);

    public async ValueTask DisposeAsync()
    {
        _owned.Reverse();
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
    }
}
