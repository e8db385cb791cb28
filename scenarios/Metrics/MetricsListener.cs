using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Bench.Scenarios.Metrics;

/// <summary>
/// `--metrics-listen ADDR:PORT`: serves <see cref="LiveMetrics"/> at /metrics on its own task, off the request path
/// (a scrape renders the text once; nothing runs per RPC). Bound before any load, so a bad address or a port in use is
/// a usage error (one line, exit 2) and never a half-run.
/// </summary>
internal sealed class MetricsListener : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly LiveMetrics _metrics;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private MetricsListener(TcpListener listener, LiveMetrics metrics)
    {
        _listener = listener;
        _metrics = metrics;
        _loop = Task.Run(ServeAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Parses ADDR:PORT (an IP address, [v6]:PORT, or localhost) and binds it; throws <see cref="UsageException"/> on either failing.</summary>
    public static MetricsListener Start(string addressAndPort, LiveMetrics metrics)
    {
        var endPoint = Parse(addressAndPort);
        var listener = new TcpListener(endPoint);
        try
        {
            listener.Start();
        }
        catch (SocketException e)
        {
            throw new Cli.UsageException($"--metrics-listen {addressAndPort}: cannot listen there: {e.Message}");
        }

        return new MetricsListener(listener, metrics);
    }

    public static IPEndPoint Parse(string addressAndPort)
    {
        var text = addressAndPort.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" + addressAndPort[9..] : addressAndPort;
        if (!IPEndPoint.TryParse(text, out var endPoint) || !text.Contains(':', StringComparison.Ordinal) || endPoint.Port == 0 && !text.EndsWith(":0", StringComparison.Ordinal))
        {
            throw new Cli.UsageException($"--metrics-listen wants ADDR:PORT (e.g. 127.0.0.1:9464), not '{addressAndPort}'");
        }

        return endPoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            // One scraper at a time is what Prometheus does; a slow or broken one is dropped after 5 s.
            try
            {
                using (client)
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
                {
                    timeout.CancelAfter(TimeSpan.FromSeconds(5));
                    await AnswerAsync(client.GetStream(), timeout.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
            }
        }
    }

    private async Task AnswerAsync(NetworkStream stream, CancellationToken cancellation)
    {
        // Read the request head (up to the blank line); only its first line matters.
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && head.Length < 16384)
        {
            var read = await stream.ReadAsync(buffer, cancellation);
            if (read == 0)
            {
                return;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var requestLine = head.ToString().Split("\r\n")[0].Split(' ');
        var path = requestLine.Length > 1 ? requestLine[1].Split('?')[0] : string.Empty;
        var (status, type, body) = requestLine[0] != "GET" ? ("405 Method Not Allowed", "text/plain", "GET only\n")
            : path is "/metrics" or "/" ? ("200 OK", "text/plain; version=0.0.4; charset=utf-8", _metrics.Render())
            : ("404 Not Found", "text/plain", "Bench serves /metrics\n");
        var bytes = Encoding.UTF8.GetBytes(body);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {status}\r\nContent-Type: {type}\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n"));
        await stream.WriteAsync(header, cancellation);
        await stream.WriteAsync(bytes, cancellation);
    }
}
