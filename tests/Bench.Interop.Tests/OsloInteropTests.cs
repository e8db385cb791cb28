using System.Text;
using System.Text.Json;
using Bench.Harness.Workers;
using Bench.Rpc;
using Bench.Rpc.Server;
using Bench.Testing;

namespace Bench.Interop.Tests;

/// <summary>Bench against the real oslo.messaging 14 (Debian), both ways: Python client → C# service, C# client → Python server.</summary>
public sealed class OsloInteropTests(BrokerFixture broker)
{
    [Fact]
    public async Task Python_client_calls_and_casts_to_the_CSharp_service()
    {
        var topic = BrokerFixture.UniqueName("interop");
        var manager = new InteropManager();
        await using var service = await Service.StartAsync(broker.Uri.Uri, manager, new ServiceOptions { Topic = topic, Host = "cs1" });

        var lines = await PeerProcess.RunAsync("oslo/client.py", ["--url", broker.Uri.Uri.OriginalString, "--topic", topic, "call",
            "add", "{\"x\": 4, \"y\": 4}",
            "echo", "{\"payload\": {\"vm\": [1, \"two\", null], \"name\": \"caf\\u00e9\"}}",
            "fail", "{\"message\": \"boom\"}",
            "nope", "{}",
            "add", "{\"x\": 1}"]);
        var serverLines = await PeerProcess.RunAsync("oslo/client.py", ["--url", broker.Uri.Uri.OriginalString, "--topic", topic, "--server", "cs1", "call", "add", "{\"x\": 1, \"y\": 2}"]);
        await PeerProcess.RunAsync("oslo/client.py", ["--url", broker.Uri.Uri.OriginalString, "--topic", topic, "cast", "count", "{}", "count", "{}"]);

        Assert.Equal("{\"ok\": true, \"result\": 8}", lines[0]);
        Assert.Equal("{\"ok\": true, \"result\": {\"vm\": [1, \"two\", null], \"name\": \"caf\\u00e9\"}}", lines[1]);
        Assert.Equal("{\"ok\": false, \"type\": \"ValueError\", \"module\": \"builtins\", \"message\": \"boom\"}", lines[2]);
        Assert.Equal("{\"ok\": false, \"type\": \"RemoteError\", \"module\": \"oslo_messaging\", \"exc_type\": \"NoSuchMethod\", \"message\": \"Endpoint does not support RPC method nope\"}", lines[3]);
        Assert.Equal("{\"ok\": false, \"type\": \"TypeError\", \"module\": \"builtins\", \"message\": \"add() missing 1 required positional argument: 'y'\"}", lines[4]);
        Assert.Equal("{\"ok\": true, \"result\": 3}", serverLines[0]);
        await Eventually.TrueAsync(() => manager.Casts == 2, "the Python casts were counted");
    }

    [Fact]
    public async Task CSharp_client_calls_a_Python_oslo_server()
    {
        var topic = BrokerFixture.UniqueName("pyserver");
        await using var server = await PeerProcess.StartAsync("oslo/server.py", ["--url", broker.Uri.Uri.OriginalString, "--topic", topic, "--server", "py1"]);
        await using var client = await RpcClient.ConnectAsync(broker.Uri.Uri, new RpcClientOptions { DefaultTimeout = TimeSpan.FromSeconds(20) });
        var target = new Target(topic);

        var sum = await client.CallAsync<long>(target, "add", RpcArgs.From(new { x = 4, y = 4 }));
        var echoed = await client.CallAsync<JsonElement>(target.WithServer("py1"), "echo", RpcArgs.FromJson("{\"payload\": {\"a\": [1, \"two\"]}}"));
        var who = await client.CallAsync<JsonElement>(target, "whoami", RpcArgs.Empty, context: new RequestContext("u9", "p9", "req-9"));
        var failure = await Assert.ThrowsAsync<RemoteError>(() => client.CallAsync<long>(target, "fail", RpcArgs.From(new { message = "boom" })));
        var missing = await Assert.ThrowsAsync<RemoteError>(() => client.CallAsync<long>(target, "nope", RpcArgs.Empty));

        Assert.Equal(8, sum);
        Assert.Equal("{\"a\": [1, \"two\"]}", echoed.GetRawText());
        Assert.Equal("req-9", who.GetProperty("request_id").GetString());
        Assert.Equal(("ValueError", "builtins", "boom"), (failure.ExceptionClass, failure.Module, failure.RemoteMessage));
        Assert.Contains(failure.Traceback, line => line.Contains("raise ValueError(message)", StringComparison.Ordinal));
        Assert.Equal(("NoSuchMethod", "oslo_messaging.rpc.dispatcher"), (missing.ExceptionClass, missing.Module));
    }

    /// <summary>
    /// A peer calling Bench's worker sees the bytes the real service sends: each call goes to a real oslo.messaging
    /// server and to Bench's worker, and the two replies' results are the same bytes (json.dumps' separators,
    /// ensure_ascii, Python floats), for a dict built by the method (whoami) and a value passed through (echo).
    /// </summary>
    [Fact]
    public async Task Bench_worker_results_are_the_bytes_a_real_oslo_server_sends()
    {
        var topic = BrokerFixture.UniqueName("bytes");
        await using var python = await PeerProcess.StartAsync("oslo/server.py", ["--url", broker.Uri.Uri.OriginalString, "--topic", topic + "-py", "--server", "py1"]);
        await using var bench = await Service.StartAsync(broker.Uri.Uri, new BenchManager(new OneWayStats()), new ServiceOptions { Topic = topic + "-cs", Host = "cs1" });
        await using var client = await RpcClient.ConnectAsync(broker.Uri.Uri, new RpcClientOptions { DefaultTimeout = TimeSpan.FromSeconds(20) });
        var context = new RequestContext("zo\u00eb", "p9", "req-9");
        (string Method, RpcArgs Args)[] calls =
        [
            ("whoami", RpcArgs.Empty),
            ("echo", RpcArgs.FromJson("{\"payload\":{\"vm\":[1,\"two\",1.50,null,1E2],\"name\":\"caf\\u00E9 <b>\",\"empty\":{}}}")),
            ("echo", RpcArgs.FromJson("{\"payload\": \"plain text\"}")),
            ("add", RpcArgs.FromJson("{\"x\": 4, \"y\": 4}")),
        ];

        var results = new List<(string Python, string Bench)>();
        foreach (var (method, args) in calls)
        {
            var fromPython = await client.TryCallAsync(new Target(topic + "-py"), method, args, context: context);
            var fromBench = await client.TryCallAsync(new Target(topic + "-cs"), method, args, context: context);
            Assert.Equal((CallOutcome.Ok, CallOutcome.Ok), (fromPython.Outcome, fromBench.Outcome));
            results.Add((Encoding.UTF8.GetString(fromPython.Result.Span), Encoding.UTF8.GetString(fromBench.Result.Span)));
        }

        Assert.Equal("{\"user_id\": \"zo\\u00eb\", \"project_id\": \"p9\", \"request_id\": \"req-9\"}", results[0].Python);
        Assert.Equal("{\"vm\": [1, \"two\", 1.5, null, 100.0], \"name\": \"caf\\u00e9 <b>\", \"empty\": {}}", results[1].Python);
        Assert.Equal(results.Select(r => r.Python), results.Select(r => r.Bench));
    }
}
