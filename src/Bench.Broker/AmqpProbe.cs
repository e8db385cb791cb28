using System.Buffers.Binary;
using System.Net.Security;
using System.Security.Authentication;
using System.Net.Sockets;
using System.Text;

using Bench.Rpc;

namespace Bench.Broker;

/// <summary>
/// Checks that a node speaks AMQP 0-9-1 (not merely that a port is open) by sending the protocol header and
/// reading connection.start, whose server-properties carry the broker's version. Needs no client library.
/// </summary>
internal static class AmqpProbe
{
    private static readonly byte[] s_protocolHeader = "AMQP\0\0\u0009\u0001"u8.ToArray();

    /// <summary>
    /// Returns the broker version, or null when the node does not answer with connection.start yet. With
    /// <paramref name="tlsCaCertificatePath"/> it speaks TLS first and checks the server against that CA as clients will
    /// (an untrusted certificate is an <see cref="AmqpTlsException"/>, not a "not yet").
    /// </summary>
    public static async Task<string?> TryReadVersionAsync(string host, int port, CancellationToken cancellationToken, string? tlsCaCertificatePath = null)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(host, port, timeout.Token);
            Stream stream = client.GetStream();
            if (tlsCaCertificatePath is not null)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false, AmqpTls.CreateValidator(host, tlsCaCertificatePath));
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host }, timeout.Token);
                stream = tls;
            }

            await using var _ = stream;
            await stream.WriteAsync(s_protocolHeader, timeout.Token);
            var header = new byte[7];
            await stream.ReadExactlyAsync(header, timeout.Token);
            if (header[0] != 1)
            {
                return null;
            }

            var size = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(3));
            var payload = new byte[size + 1];
            await stream.ReadExactlyAsync(payload, timeout.Token);
            return ReadVersion(payload) ?? "unknown";
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (AuthenticationException) when (!cancellationToken.IsCancellationRequested)
        {
            // Something other than TLS answered (the node has not bound its TLS port yet and another process holds it):
            // "not yet". The node then fails to bind and exits with eaddrinuse, which PrivateBroker retries. An untrusted
            // certificate is an AmqpTlsException thrown by the validator, and still ends the wait.
            return null;
        }
    }

    // connection.start: class 10, method 10, version-major, version-minor, then the server-properties table.
    private static string? ReadVersion(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 10 || BinaryPrimitives.ReadUInt16BigEndian(payload) != 10 || BinaryPrimitives.ReadUInt16BigEndian(payload[2..]) != 10)
        {
            return null;
        }

        var tableLength = BinaryPrimitives.ReadInt32BigEndian(payload[6..]);
        var table = payload.Slice(10, Math.Min(tableLength, payload.Length - 10));
        while (table.Length > 2)
        {
            var nameLength = table[0];
            var name = table.Slice(1, nameLength);
            var type = (char)table[1 + nameLength];
            var value = table[(2 + nameLength)..];
            int consumed;
            switch (type)
            {
                case 'S':
                case 'F':
                    var length = BinaryPrimitives.ReadInt32BigEndian(value);
                    if (type == 'S' && name.SequenceEqual("version"u8))
                    {
                        return Encoding.UTF8.GetString(value.Slice(4, length));
                    }

                    consumed = 4 + length;
                    break;
                case 't':
                    consumed = 1;
                    break;
                default:
                    return null; // RabbitMQ sends only strings, tables and booleans here; anything else ends the scan.
            }

            table = value[consumed..];
        }

        return null;
    }
}
