using System.Diagnostics;

namespace Bench.Broker.Metrics;

/// <summary>
/// Scrapes the broker's Prometheus endpoint(s) once a second on a thread of its own, from <see cref="Start"/> to
/// <see cref="StopAsync"/>: off the request path (nothing per request, no lock the load takes), its own CPU (the
/// thread's clock) and bytes read counted so a result can say what watching the broker cost. A scrape that fails
/// (a node killed by a fault, a timeout) leaves that second's tick marked as a gap with its reason; it never fails the run.
/// </summary>
public sealed class BrokerSampler : IAsyncDisposable
{
    private readonly IReadOnlyList<MetricsEndpoint> _endpoints;
    private readonly Func<string, bool> _wanted;
    private readonly TimeSpan _interval;
    private readonly List<BrokerTick> _ticks = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _thread;
    private double _cpuSeconds;
    private long _bytes;
    private int _scrapes;
    private int _failures;

    /// <param name="endpoints">One per node (a cluster's every node).</param>
    /// <param name="wanted">Which queues are the scenario's.</param>
    public BrokerSampler(IReadOnlyList<MetricsEndpoint> endpoints, Func<string, bool> wanted, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _endpoints = endpoints;
        _wanted = wanted;
        _interval = interval ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>Starts scraping now (the first tick is the baseline the first second's rates are taken from).</summary>
    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "bench-broker-sampler" };
        _thread.Start();
    }

    /// <summary>Stops after one last scrape (so the final partial second has its rates), and returns what was sampled.</summary>
    public async Task<BrokerSampling> StopAsync()
    {
        if (_thread is not null)
        {
            await _stop.CancelAsync();
            await _done.Task;
        }

        return new BrokerSampling([.. _ticks], _endpoints.Select(e => e.ToString()).ToList(), _cpuSeconds, _bytes, _scrapes, _failures);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private void Run()
    {
        var clients = _endpoints.Select(e => e.CreateClient(TimeSpan.FromMilliseconds(Math.Min(900, _interval.TotalMilliseconds * 0.9)))).ToList();
        try
        {
            var cpuStart = ThreadCpu.Seconds();
            var start = Stopwatch.GetTimestamp();
            for (long tick = 0; ; tick++)
            {
                ScrapeAll(clients);
                if (_stop.IsCancellationRequested)
                {
                    break;
                }

                var due = start + (long)((tick + 1) * _interval.TotalSeconds * Stopwatch.Frequency);
                var wait = (due - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
                if (wait > 0 && _stop.Token.WaitHandle.WaitOne((int)wait))
                {
                    ScrapeAll(clients); // the last one, at the stop
                    break;
                }
            }

            _cpuSeconds = ThreadCpu.Seconds() is { } end && cpuStart is { } begin ? end - begin : 0;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
            _done.SetResult();
        }
    }

    private void ScrapeAll(List<HttpClient> clients)
    {
        var scrapes = new BrokerScrape?[_endpoints.Count];
        string? error = null;
        for (var i = 0; i < _endpoints.Count; i++)
        {
            _scrapes++;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, _endpoints[i].DetailedUri);
                using var response = clients[i].Send(request);
                response.EnsureSuccessStatusCode();
                using var body = new MemoryStream();
                response.Content.ReadAsStream().CopyTo(body);
                _bytes += body.Length;
                var text = System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
                scrapes[i] = BrokerScrapeReader.Read(text, _wanted, _endpoints[i].ToString(), Stopwatch.GetTimestamp());
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                _failures++;
                error ??= _endpoints[i] + ": " + AmqpUri.MaskText(e.Message);
            }
        }

        _ticks.Add(new BrokerTick(Stopwatch.GetTimestamp(), scrapes, error));
    }
}

/// <summary>One tick of the sampler: every endpoint's scrape (null where it failed) and the first failure's reason.</summary>
public sealed record BrokerTick(long Timestamp, IReadOnlyList<BrokerScrape?> Scrapes, string? Error);

/// <summary>What a sampler collected, and what it cost: its thread's CPU, the bytes it read, how many scrapes failed.</summary>
public sealed record BrokerSampling(IReadOnlyList<BrokerTick> Ticks, IReadOnlyList<string> Endpoints, double CpuSeconds, long BytesRead, int Scrapes, int FailedScrapes);
