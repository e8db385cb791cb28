using System.Net.Http.Headers;
using System.Text;

namespace Bench.Broker.Metrics;

/// <summary>
/// A RabbitMQ node's Prometheus endpoint: Bench's private node's, or one given with --broker-metrics (http(s)://[user:password@]host:port[/metrics]).
/// Credentials come from the URL or from a file holding `user:password`; they are sent as HTTP basic auth and never
/// shown: <see cref="ToString"/> is the URL without them.
/// </summary>
public sealed class MetricsEndpoint
{
    private MetricsEndpoint(Uri baseUri, string? credentials)
    {
        BaseUri = baseUri;
        Credentials = credentials;
    }

    /// <summary>scheme://host:port, no user info, no path: the detailed query goes after it.</summary>
    public Uri BaseUri { get; }

    /// <summary>user:password for basic auth, or null.</summary>
    internal string? Credentials { get; }

    public Uri DetailedUri => new(BaseUri, BrokerScrapeReader.DetailedQuery);

    public static MetricsEndpoint ForPrivateNode(Uri metricsUri) => new(new Uri(metricsUri.GetLeftPart(UriPartial.Authority)), null);

    /// <summary>Parses --broker-metrics; throws <see cref="FormatException"/> with one masked line on anything but an http(s) URL.</summary>
    public static MetricsEndpoint Parse(string text, string? credentialsFile = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            throw new FormatException($"--broker-metrics '{AmqpUri.MaskText(text)}' is not an http(s)://host:port/metrics URL of a RabbitMQ node's Prometheus endpoint");
        }

        string? credentials = uri.UserInfo.Length > 0 ? Uri.UnescapeDataString(uri.UserInfo) : null;
        if (credentialsFile is not null)
        {
            if (!File.Exists(credentialsFile))
            {
                throw new FormatException($"--broker-metrics-auth {credentialsFile}: no such file (it holds user:password on one line)");
            }

            credentials = File.ReadAllText(credentialsFile).Trim();
            if (!credentials.Contains(':', StringComparison.Ordinal))
            {
                throw new FormatException($"--broker-metrics-auth {credentialsFile}: expected user:password on one line");
            }
        }

        return new MetricsEndpoint(new Uri(uri.GetLeftPart(UriPartial.Authority).Replace(uri.UserInfo + "@", string.Empty, StringComparison.Ordinal)), credentials);
    }

    /// <summary>An HTTP client for this endpoint (basic auth when credentials were given), with a short timeout: a scrape is never allowed to take the second it samples.</summary>
    public HttpClient CreateClient(TimeSpan timeout)
    {
        var client = new HttpClient { Timeout = timeout };
        if (Credentials is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Credentials)));
        }

        return client;
    }

    /// <summary>
    /// One GET before the load starts: the endpoint answers, and it is RabbitMQ's Prometheus plugin with the detailed
    /// families. Throws <see cref="BrokerUnavailableException"/> with one line (the URL masked) otherwise.
    /// </summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        using var client = CreateClient(TimeSpan.FromSeconds(5));
        string text;
        try
        {
            using var response = await client.GetAsync(DetailedUri, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new BrokerUnavailableException($"--broker-metrics {this}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}{((int)response.StatusCode == 401 ? " (credentials: user:password@ in the URL or --broker-metrics-auth FILE)" : string.Empty)}");
            }

            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new BrokerUnavailableException($"--broker-metrics {this}: unreachable ({AmqpUri.MaskText(e.Message)})");
        }

        if (!BrokerScrapeReader.IsRabbitMq(text))
        {
            throw new BrokerUnavailableException($"--broker-metrics {this}: answers, but not as RabbitMQ's rabbitmq_prometheus plugin (no rabbitmq_build_info at /metrics/detailed)");
        }
    }

    public override string ToString() => BaseUri.GetLeftPart(UriPartial.Authority) + "/metrics";
}
