using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Bench.Broker;

/// <summary>
/// The few calls Bench makes to a private node's management HTTP API (rabbitmq_management on loopback, guest/guest as
/// the node allows there). It is how a fault closes connections: an HTTP request to the running node answers in
/// milliseconds, where rabbitmqctl boots an Erlang VM first, which took seconds — on a loaded machine longer than
/// the run — so a fault scheduled at 1 s landed at the run's end.
/// </summary>
internal sealed class ManagementApi(int port) : IDisposable
{
    // The API is up once the plugin has started, which can trail the AMQP listener by a moment after a (re)start.
    private static readonly TimeSpan s_readyWithin = TimeSpan.FromSeconds(15);

    // How long an empty connection list is asked again (see CloseAllConnectionsAsync).
    private static readonly TimeSpan s_listedWithin = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http = CreateClient(port);

    /// <summary>
    /// Closes every client connection (DELETE /api/connections/{name}, with the reason clients see in connection.close)
    /// and returns how many it closed. A connection gone between the listing and its DELETE is not an error.
    /// </summary>
    public async Task<int> CloseAllConnectionsAsync(string reason, CancellationToken cancellationToken)
    {
        // The plugin lists a connection once its statistics have been collected (collect_statistics_interval after it
        // opened, later on a loaded node): an empty list while clients are connected is "not yet" (seen beside CPU
        // hogs), so it is asked again, briefly. A node with truly no connections gives up after that, closing none.
        var names = await ConnectionNamesAsync(cancellationToken);
        for (var deadline = DateTime.UtcNow + s_listedWithin; names.Count == 0 && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(100, cancellationToken);
            names = await ConnectionNamesAsync(cancellationToken);
        }

        var closing = names.Select(async name =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, "api/connections/" + Uri.EscapeDataString(name));
            request.Headers.Add("X-Reason", reason);
            using var response = await _http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return 0;
            }

            await EnsureSuccessAsync(response, "DELETE /api/connections/{name}", cancellationToken);
            return 1;
        });
        return (await Task.WhenAll(closing)).Sum();
    }

    public void Dispose() => _http.Dispose();

    private async Task<List<string>> ConnectionNamesAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + s_readyWithin;
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync("api/connections?columns=name", cancellationToken);
                await EnsureSuccessAsync(response, "GET /api/connections", cancellationToken);
                using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
                return [.. json.RootElement.EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken); // the plugin's listener is not up yet
            }
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"management API {what} answered {(int)response.StatusCode}: {body.Split('\n')[0]}"));
        }
    }

    private static HttpClient CreateClient(int port)
    {
        var http = new HttpClient
        {
            BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")),
            Timeout = TimeSpan.FromSeconds(10),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        return http;
    }
}
