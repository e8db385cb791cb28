using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Bench.Broker;

namespace Bench.Scenarios.Tests;

/// <summary>
/// --metrics-listen against a real Prometheus (Debian's): it scrapes Bench and the node's rabbitmq_prometheus, and its
/// HTTP API finds both. Bad addresses and a port in use are refused before any load.
/// </summary>
public sealed class LiveMetricsRunTests : CliTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_real_prometheus_scrapes_bench_and_the_node_and_finds_both_series()
    {
        var prometheusBinary = File.Exists("/usr/bin/prometheus") ? "/usr/bin/prometheus" : throw new InvalidOperationException("prometheus is not installed: run bash scripts/setup.sh");
        await using var node = await PrivateBroker.StartAsync(new PrivateBrokerOptions { Prometheus = true });
        var benchPort = FreePort();
        // 600 s: the test interrupts the run when Prometheus has found the series; with two CPU hogs beside it that took
        // 3.5 minutes once, and a run that had already ended exited 0, not 130.
        using var cli = BenchCli.Start("run", "--scenario", "call.add", "--duration", "600", "--warmup", "0", "--outstanding", "4", "--metrics-listen", $"127.0.0.1:{benchPort}",
            "--amqp", node.Uri.Uri.OriginalString, "--out", Out);
        Directory.CreateDirectory(Out + "-prometheus");
        var config = Path.Combine(Out + "-prometheus", "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: bench
                static_configs: [{"{"} targets: ['127.0.0.1:{benchPort}'] {"}"}]
              - job_name: rabbitmq
                static_configs: [{"{"} targets: ['127.0.0.1:{node.PrometheusPort}'] {"}"}]
            """);
        var webPort = FreePort();
        using var prometheus = Process.Start(new ProcessStartInfo(prometheusBinary)
        {
            ArgumentList = { "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(Out + "-prometheus", "data"), $"--web.listen-address=127.0.0.1:{webPort}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        prometheus.OutputDataReceived += (_, _) => { };
        prometheus.ErrorDataReceived += (_, _) => { };
        prometheus.BeginOutputReadLine();
        prometheus.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
            var bench = await SeriesAsync(http, "bench_requests_total{scenario=\"call.add\",outcome=\"ok\",job=\"bench\"}", cli);
            var rabbit = await SeriesAsync(http, "rabbitmq_build_info{job=\"rabbitmq\"}", cli);

            Assert.Contains(bench, s => s.GetProperty("metric").GetProperty("outstanding").GetString() == "4" && s.GetProperty("metric").GetProperty("phase").GetString() == "measure");
            Assert.NotEmpty(rabbit);
            var histogram = await SeriesAsync(http, "bench_latency_seconds_bucket{scenario=\"call.add\",le=\"+Inf\"}", cli);
            Assert.NotEmpty(histogram);
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
            cli.Interrupt();
            await cli.WaitAsync(s_timeout);
        }

        Assert.Equal(130, cli.ExitCode);
    }

    [Theory]
    [InlineData("9464")]
    [InlineData("nowhere:9464")]
    [InlineData("127.0.0.1:99999")]
    public async Task A_bad_listen_address_is_one_line_and_exit_2(string address)
    {
        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "call.add", "--requests", "10", "--metrics-listen", address, "--out", Out);

        Assert.Equal(2, cli.ExitCode);
        Assert.Single(cli.Stderr.Trim().Split('\n'));
        Assert.Contains("--metrics-listen", cli.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task A_port_in_use_is_one_line_and_exit_2_before_any_load()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--scenario", "call.add", "--requests", "10", "--metrics-listen", $"127.0.0.1:{port}", "--out", Out);

        Assert.Equal(2, cli.ExitCode);
        Assert.Single(cli.Stderr.Trim().Split('\n'));
        Assert.Contains("cannot listen there", cli.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Polls Prometheus' query API until the series appear; the bound is a give-up for a broken setup, not an assertion on speed.
    private static async Task<List<JsonElement>> SeriesAsync(HttpClient http, string query, BenchCli cli)
    {
        var giveUp = Stopwatch.StartNew();
        while (giveUp.Elapsed < TimeSpan.FromMinutes(2))
        {
            Assert.False(cli.HasExited, "bench stopped before Prometheus found its series: " + cli.Stdout + cli.Stderr);
            try
            {
                using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(query)));
                var result = doc.RootElement.GetProperty("data").GetProperty("result");
                if (result.GetArrayLength() > 0)
                {
                    return [.. result.EnumerateArray().Select(e => e.Clone())];
                }
            }
            catch (HttpRequestException)
            {
                // Prometheus is still starting.
            }

            await Task.Delay(500);
        }

        throw new Xunit.Sdk.XunitException($"Prometheus found no series for {query} (targets: {await http.GetStringAsync("/api/v1/targets")})");
    }
}
