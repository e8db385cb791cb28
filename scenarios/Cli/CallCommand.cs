using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bench.Broker;
using Bench.Harness.Definitions;
using Bench.Harness.Options;
using Bench.Harness.Workers;
using Bench.Load;
using Bench.Rpc;
using Bench.Rpc.Server;

namespace Bench.Scenarios.Cli;

/// <summary>
/// `bench call`: one method called N times in sequence (one outstanding), printing its result and the round-trip
/// times. Without --amqp it starts a private broker and an in-process benchmark worker: a quick, reproducible
/// check of a round trip, and of a real server when pointed at one.
/// </summary>
internal static class CallCommand
{
    public const string Usage = "bench call [--topic T] [--server H] [--exchange X] [--method add] [--args JSON] [--count N] [--timeout S] [--amqp URI] [--transport reply-queue|direct]";


    public static async Task<int> RunAsync(CliArgs args)
    {
        var topic = args.String("topic") ?? "bench";
        var server = args.String("server");
        var exchange = args.String("exchange") ?? "openstack";
        var method = args.String("method") ?? "add";
        var argsJson = args.String("args") ?? (method == "add" ? "{\"x\": 4, \"y\": 4}" : "{}");
        var count = (int)(args.Int64("count", 1, 10_000_000) ?? 1);
        var timeout = TimeSpan.FromSeconds(args.Double("timeout", 0.001, 3600) ?? 60);
        var transport = args.String("transport") is { } text ? OptionTable.Transport.ApplyOne(new ScenarioSettings(), text).Transport : ReplyTransport.ReplyQueue;
        var amqp = args.String("amqp");
        args.EnsureAllUsed();
        RpcArgs rpcArgs;
        try
        {
            rpcArgs = RpcArgs.FromJson(argsJson);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException)
        {
            throw new UsageException("--args must be a JSON object: " + e.Message.Split('\n')[0]);
        }

        using var signal = new ShutdownSignal();
        await using var broker = await BrokerLease.AcquireAsync(amqp, cancellationToken: signal.Token);
        Service? worker = null;
        if (broker.IsPrivate)
        {
            worker = await Service.StartAsync(broker.Uri.Uri, new BenchManager(new OneWayStats()), new ServiceOptions { Topic = topic, Host = server ?? "bench-call", ControlExchange = exchange }, cancellationToken: signal.Token);
        }

        try
        {
            await using var client = await RpcClient.ConnectAsync(broker.Uri.Uri, new RpcClientOptions { ControlExchange = exchange, ReplyTransport = transport }, cancellationToken: signal.Token);
            var target = new Target(topic, server);
            Console.WriteLine($"broker {broker.Uri} (RabbitMQ {client.BrokerVersion}{(broker.IsPrivate ? ", private, in-process worker" : string.Empty)}); {count} × {method}{argsJson} to {target}");
            var ticks = new long[count];
            var outcomes = new int[Enum.GetValues<CallOutcome>().Length];
            CallResult last = default;
            for (var i = 0; i < count && !signal.Token.IsCancellationRequested; i++)
            {
                var start = Stopwatch.GetTimestamp();
                last = await client.TryCallAsync(target, method, rpcArgs, timeout, discardResult: i < count - 1);
                ticks[i] = Stopwatch.GetTimestamp() - start;
                outcomes[(int)last.Outcome]++;
            }

            Console.WriteLine(last.Outcome switch
            {
                CallOutcome.Ok => "result: " + Encoding.UTF8.GetString(last.Result.Span),
                CallOutcome.RemoteError => $"remote error: {last.Error!.ExceptionClass} ({last.Error.Module}): {last.Error.RemoteMessage}",
                _ => "last call: " + last.Outcome,
            });
            Console.WriteLine(string.Join(", ", Enum.GetValues<CallOutcome>().Where(o => outcomes[(int)o] > 0).Select(o => $"{o}: {outcomes[(int)o]}")));
            Console.WriteLine(FormatRoundTrips(ticks));
            return outcomes[(int)CallOutcome.Ok] == count ? 0 : 1;
        }
        finally
        {
            if (worker is not null)
            {
                await worker.DisposeAsync();
            }
        }
    }

    // Exact order statistics from every sample (this command keeps them all; the load engine uses histograms instead).
    private static string FormatRoundTrips(long[] ticks)
    {
        Array.Sort(ticks);
        double Us(long t) => t * 1_000_000.0 / Stopwatch.Frequency;
        long At(double p) => ticks[LatencyHistogram.Rank(p * 100, ticks.Length) - 1];
        return string.Create(CultureInfo.InvariantCulture,
            $"round trip µs: min {Us(ticks[0]):0.0}  p50 {Us(At(0.50)):0.0}  p99 {Us(At(0.99)):0.0}  max {Us(ticks[^1]):0.0}  mean {ticks.Average(t => Us(t)):0.0}  (n={ticks.Length})");
    }
}
