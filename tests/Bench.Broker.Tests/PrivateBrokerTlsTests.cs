using System.Net.Security;
using System.Net.Sockets;
using Bench.Rpc;
using Bench.Testing;

namespace Bench.Broker.Tests;

/// <summary>
/// A private node with an amqps listener: its certificates come from a CA made on the spot, clients that trust that CA
/// get through with the name checked, anyone else is refused with one line, and no key outlives the node.
/// </summary>
public sealed class PrivateBrokerTlsTests(TlsBrokerFixture broker) : IClassFixture<TlsBrokerFixture>
{
    [Fact]
    public void A_tls_node_has_an_amqps_address_beside_the_plain_one_and_masks_its_password()
    {
        var node = broker.Node;

        Assert.NotNull(node.TlsUri);
        Assert.True(node.TlsUri.IsTls);
        Assert.False(node.Uri.IsTls);
        Assert.NotEqual(node.Port, node.TlsPort);
        Assert.Equal(node.TlsPort, node.TlsUri.Port);
        Assert.Equal($"amqps://guest:***@127.0.0.1:{node.TlsPort}/", node.TlsUri.ToString());
    }

    [Fact]
    public void Only_the_server_key_is_kept_and_only_its_owner_can_read_it()
    {
        var tls = Path.GetDirectoryName(broker.CaCertificatePath)!;
        var withKeys = Directory.GetFiles(tls).Where(f => File.ReadAllText(f).Contains("PRIVATE KEY", StringComparison.Ordinal)).ToList();

        Assert.Equal([Path.Combine(tls, "server.key")], withKeys); // the CA key was deleted once it had signed
        Assert.False(OperatingSystem.IsWindows()); // private nodes are Debian's rabbitmq-server
        var mode = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(withKeys[0]);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.StartsWith(broker.Node.Directory, tls, StringComparison.Ordinal); // so it goes when the node goes
    }

    [Fact]
    public async Task A_client_trusting_the_node_ca_completes_the_handshake_for_127_0_0_1_and_localhost()
    {
        await HandshakeAsync("127.0.0.1", broker.CaCertificatePath);
        await HandshakeAsync("localhost", broker.CaCertificatePath);
    }

    [Fact]
    public async Task Another_ca_is_refused_with_one_line_naming_the_problem()
    {
        var otherCa = OtherCa.Write(Path.Combine(Path.GetTempPath(), "bench-test-" + Guid.NewGuid().ToString("N")[..8]));
        try
        {
            var error = await Assert.ThrowsAsync<AmqpTlsException>(() => HandshakeAsync("127.0.0.1", otherCa));

            Assert.StartsWith("TLS: certificate for 127.0.0.1 not trusted: ", error.Message, StringComparison.Ordinal);
            Assert.Contains(otherCa, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(otherCa)!, recursive: true);
        }
    }

    [Fact]
    public async Task The_system_store_alone_does_not_trust_a_private_node()
    {
        var error = await Assert.ThrowsAsync<AmqpTlsException>(() => HandshakeAsync("127.0.0.1", null));

        Assert.StartsWith("TLS: certificate for 127.0.0.1 not trusted: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(AmqpTls.CaCertificateVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_the_certificate_does_not_carry_is_refused()
    {
        var error = await Assert.ThrowsAsync<AmqpTlsException>(() => HandshakeAsync("bench.invalid", broker.CaCertificatePath));

        Assert.StartsWith("TLS: certificate for bench.invalid does not match that name: it is for ", error.Message, StringComparison.Ordinal);
        Assert.Contains("DNS:localhost", error.Message, StringComparison.Ordinal);
        Assert.Contains("IP:127.0.0.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lease_for_a_tls_node_hands_out_its_amqps_address_and_ca()
    {
        Assert.SkipWhen(Environment.GetEnvironmentVariable(BrokerLease.EnvironmentVariable) is not null, "BENCH_AMQP_URI names an external broker, so no private node is leased");
        await using var lease = await BrokerLease.AcquireAsync(null, new PrivateBrokerOptions { Tls = true });

        Assert.True(lease.IsPrivate);
        Assert.True(lease.Uri.IsTls);
        Assert.Equal(lease.PrivateBroker!.TlsUri, lease.Uri);
        Assert.Equal(lease.PrivateBroker.CaCertificatePath, lease.CaCertificatePath);
        Assert.True(File.Exists(lease.CaCertificatePath));
    }

    // A TLS handshake with the node's amqps port, as a client naming it `host` would make (the address is always loopback).
    private async Task HandshakeAsync(string host, string? caCertificatePath)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", broker.Node.TlsPort);
        await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, AmqpTls.CreateValidator(host, caCertificatePath));
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host });
    }
}
