using System.Text.Json;
using Bench.Broker;
using Bench.Rpc.Server;
using Bench.Testing;

namespace Bench.Rpc.Tests;

/// <summary>
/// RPC over amqps:// to a private node whose CA was made on the spot: calls and casts arrive, counted; the broker sees
/// TLS connections; a client trusting another CA is refused at once with one line; the password stays masked.
/// </summary>
public sealed class AmqpConnectorTlsTests(TlsBrokerFixture broker) : IClassFixture<TlsBrokerFixture>
{
    private const int Count = 200;

    [Fact]
    public async Task Calls_and_casts_go_over_amqps_to_a_node_whose_ca_is_trusted()
    {
        var topic = BrokerFixture.UniqueName("tls");
        var manager = new TestManager();
        await using var service = await Service.StartAsync(broker.TlsUri.Uri, manager, new ServiceOptions { Topic = topic, Host = "h1", CaCertificatePath = broker.CaCertificatePath });
        await using var client = await RpcClient.ConnectAsync(broker.TlsUri.Uri, new RpcClientOptions { CaCertificatePath = broker.CaCertificatePath, ClientName = "bench-tls-client" });
        var target = new Target(topic);

        long sum = 0;
        for (var i = 0; i < Count; i++)
        {
            sum += await client.CallAsync<long>(target, "add", RpcArgs.From(new { x = i, y = 1 }));
            await client.CastAsync(target, "count", RpcArgs.Empty);
        }

        await Eventually.TrueAsync(() => manager.Casts == Count, "every cast was handled");
        Assert.Equal((long)Count * (Count - 1) / 2 + Count, sum);
        Assert.Equal(Count, manager.Casts);
        Assert.True(await CountTlsConnectionsAsync() >= 2, "the client's and the service's connections are TLS ones on the amqps port");
    }

    [Fact]
    public async Task BENCH_AMQP_CA_CERT_gives_the_ca_to_a_client_that_names_none()
    {
        // Set for this test only; other classes connect over amqp://, which never reads it.
        Environment.SetEnvironmentVariable(AmqpTls.CaCertificateVariable, broker.CaCertificatePath);
        try
        {
            await using var client = await RpcClient.ConnectAsync(broker.TlsUri.Uri);

            Assert.NotEqual("unknown", client.BrokerVersion);
        }
        finally
        {
            Environment.SetEnvironmentVariable(AmqpTls.CaCertificateVariable, null);
        }
    }

    [Fact]
    public async Task A_client_trusting_another_ca_is_refused_with_one_line_and_no_password()
    {
        var directory = Path.Combine(Path.GetTempPath(), BrokerFixture.UniqueName("bench-other-ca"));
        try
        {
            var otherCa = OtherCa.Write(directory);

            var error = await Assert.ThrowsAsync<AmqpTlsException>(() => RpcClient.ConnectAsync(broker.TlsUri.Uri, new RpcClientOptions { CaCertificatePath = otherCa }));

            Assert.StartsWith("TLS: certificate for 127.0.0.1 not trusted: ", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
            Assert.DoesNotContain("guest", error.Message, StringComparison.Ordinal);
            Assert.Equal($"amqps://guest:***@127.0.0.1:{broker.Node.TlsPort}/", broker.TlsUri.ToString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_service_with_an_unreadable_ca_file_fails_before_connecting()
    {
        var error = await Assert.ThrowsAsync<AmqpTlsException>(() => Service.StartAsync(broker.TlsUri.Uri, new TestManager(), new ServiceOptions { Topic = "t", CaCertificatePath = "/nonexistent/ca.pem" }));

        Assert.Equal("TLS: CA certificate file /nonexistent/ca.pem not found", error.Message);
    }

    // Connections the node holds on its amqps port with TLS on (rabbitmqctl's own view, not the client's).
    private async Task<int> CountTlsConnectionsAsync()
    {
        var json = await broker.Node.CtlAsync(["list_connections", "port", "ssl", "--formatter", "json"]);
        using var rows = JsonDocument.Parse(json);
        return rows.RootElement.EnumerateArray().Count(r => r.GetProperty("port").GetInt32() == broker.Node.TlsPort && r.GetProperty("ssl").GetBoolean());
    }
}
