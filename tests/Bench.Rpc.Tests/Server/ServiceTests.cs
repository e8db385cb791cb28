using Bench.Rpc.Server;
using Bench.Testing;

namespace Bench.Rpc.Tests.Server;

/// <summary>Calls, casts, fanout and topic.server routing through a real broker.</summary>
public sealed class ServiceTests(BrokerFixture broker) : IAsyncLifetime
{
    private readonly RpcHarness _rpc = new(broker);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _rpc.DisposeAsync();

    [Fact]
    public async Task Call_returns_the_result()
    {
        var manager = new TestManager();
        await _rpc.StartServiceAsync(manager);
        var client = await _rpc.ConnectAsync();

        Assert.True(manager.InitHostRan);
        Assert.Equal(8, await client.CallAsync<long>(_rpc.Target, "add", RpcArgs.From(new { x = 4, y = 4 })));
        Assert.Equal("hello nova", await client.CallAsync<string>(_rpc.Target, "greet", RpcArgs.From(new { name = "nova" })));
    }

    [Fact]
    public async Task Call_result_can_be_a_structured_object()
    {
        await _rpc.StartServiceAsync(new TestManager());
        var client = await _rpc.ConnectAsync();

        var result = await client.CallAsync<TestManager.Payload>(_rpc.Target, "describe", RpcArgs.FromJson("{\"payload\": {\"Name\": \"vm\", \"Size\": 2, \"Tags\": []}}"));

        Assert.Equal(new[] { "seen" }, result!.Tags);
    }

    [Fact]
    public async Task Context_travels_with_the_call()
    {
        await _rpc.StartServiceAsync(new TestManager());
        var client = await _rpc.ConnectAsync();

        var who = await client.CallAsync<string>(_rpc.Target, "who_is_calling", RpcArgs.Empty, context: new RequestContext("alice", "proj", "req-42"));

        Assert.Equal("alice/proj/req-42", who);
    }

    [Fact]
    public async Task Remote_error_carries_class_module_message_and_traceback()
    {
        await _rpc.StartServiceAsync(new TestManager());
        var client = await _rpc.ConnectAsync();

        var failed = await client.TryCallAsync(_rpc.Target, "fail", RpcArgs.From(new { message = "boom" }));
        var crashed = await Assert.ThrowsAsync<RemoteError>(() => client.CallAsync<long>(_rpc.Target, "crash", RpcArgs.Empty));

        Assert.Equal(CallOutcome.RemoteError, failed.Outcome);
        Assert.Equal(("ValueError", "builtins", "boom"), (failed.Error!.ExceptionClass, failed.Error.Module, failed.Error.RemoteMessage));
        Assert.Equal(("RuntimeError", "builtins", "the handler blew up"), (crashed.ExceptionClass, crashed.Module, crashed.RemoteMessage));
        Assert.NotEmpty(crashed.Traceback);
    }

    [Fact]
    public async Task Call_times_out_as_an_outcome_and_the_late_reply_is_ignored()
    {
        await _rpc.StartServiceAsync(new TestManager());
        var client = await _rpc.ConnectAsync();

        var result = await client.TryCallAsync(_rpc.Target, "slow", RpcArgs.From(new { ms = 1500 }), TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAsync<RpcTimeoutException>(() => client.CallAsync<long>(_rpc.Target, "slow", RpcArgs.From(new { ms = 1500 }), TimeSpan.FromMilliseconds(300)));

        Assert.Equal(CallOutcome.TimedOut, result.Outcome);
        await Eventually.TrueAsync(() => client.UnmatchedReplies == 2, "the late replies arrived and matched nothing");
        Assert.Equal(3, await client.CallAsync<long>(_rpc.Target, "add", RpcArgs.From(new { x = 1, y = 2 })));
    }

    [Fact]
    public async Task Call_with_no_server_times_out()
    {
        var client = await _rpc.ConnectAsync();

        var result = await client.TryCallAsync(new Target(BrokerFixture.UniqueName("nobody")), "add", RpcArgs.Empty, TimeSpan.FromMilliseconds(200));

        Assert.Equal(CallOutcome.TimedOut, result.Outcome);
    }

    [Fact]
    public async Task Many_concurrent_calls_all_return_their_own_result()
    {
        await _rpc.StartServiceAsync(new TestManager());
        var client = await _rpc.ConnectAsync();

        var calls = Enumerable.Range(0, 500).Select(i => client.CallAsync<long>(_rpc.Target, "add", RpcArgs.From(new { x = i, y = 1000 }))).ToArray();
        var results = await Task.WhenAll(calls);

        Assert.Equal([.. Enumerable.Range(1000, 500).Select(i => (long)i)], results);
    }

    [Fact]
    public async Task Cast_reaches_the_service()
    {
        var manager = new TestManager();
        await _rpc.StartServiceAsync(manager);
        var client = await _rpc.ConnectAsync();

        for (var i = 0; i < 10; i++)
        {
            await client.CastAsync(_rpc.Target, "count", RpcArgs.Empty);
        }

        await Eventually.TrueAsync(() => manager.Casts == 10, "10 casts counted");
    }

    [Fact]
    public async Task Fanout_cast_reaches_every_server()
    {
        var managers = new[] { new TestManager(), new TestManager(), new TestManager() };
        for (var i = 0; i < managers.Length; i++)
        {
            await _rpc.StartServiceAsync(managers[i], "host" + i);
        }

        var client = await _rpc.ConnectAsync();
        await client.CastAsync(_rpc.Target.AsFanout(), "count", RpcArgs.Empty);

        await Eventually.TrueAsync(() => managers.All(m => m.Casts == 1), "every server counted the fanout cast once");
    }

    [Fact]
    public async Task Topic_server_reaches_only_that_server()
    {
        var one = new TestManager();
        var two = new TestManager();
        await _rpc.StartServiceAsync(one, "one");
        await _rpc.StartServiceAsync(two, "two");
        var client = await _rpc.ConnectAsync();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("two", await client.CallAsync<string>(_rpc.Target.WithServer("two"), "who_am_i", RpcArgs.Empty));
            await client.CastAsync(_rpc.Target.WithServer("one"), "count", RpcArgs.Empty);
        }

        await Eventually.TrueAsync(() => one.Casts == 5, "server one got its casts");
        Assert.Equal(0, two.Casts);
    }

    [Fact]
    public async Task Direct_reply_to_and_publisher_confirms_work_between_Bench_peers()
    {
        var manager = new TestManager();
        await _rpc.StartServiceAsync(manager);
        var client = await _rpc.ConnectAsync(new RpcClientOptions { ReplyTransport = ReplyTransport.DirectReplyTo, PublisherConfirms = true });

        Assert.Equal("amq.rabbitmq.reply-to", client.ReplyQueue);
        Assert.Equal(7, await client.CallAsync<long>(_rpc.Target, "add", RpcArgs.From(new { x = 3, y = 4 })));
        await client.CastAsync(_rpc.Target, "count", RpcArgs.Empty);
        await Eventually.TrueAsync(() => manager.Casts == 1, "confirmed cast counted");
    }

    [Fact]
    public async Task Publishing_straight_to_the_queue_reaches_the_same_service()
    {
        var manager = new TestManager();
        await _rpc.StartServiceAsync(manager, "direct-host");
        var client = await _rpc.ConnectAsync(new RpcClientOptions { PublishToQueue = true, DefaultTimeout = TimeSpan.FromSeconds(20) });

        Assert.Equal(9, await client.CallAsync<long>(_rpc.Target, "add", RpcArgs.From(new { x = 4, y = 5 })));
        Assert.Equal("direct-host", await client.CallAsync<string>(_rpc.Target.WithServer("direct-host"), "who_am_i", RpcArgs.Empty));
        await client.CastAsync(_rpc.Target.AsFanout(), "count", RpcArgs.Empty); // fanout still goes through its exchange
        await Eventually.TrueAsync(() => manager.Casts == 1, "the fanout cast arrived");
    }

    [Fact]
    public async Task Unenveloped_requests_are_served()
    {
        await _rpc.StartServiceAsync(new TestManager());
        var client = await _rpc.ConnectAsync(new RpcClientOptions { Envelope = Rpc.Wire.EnvelopeFormat.Plain });

        Assert.Equal(5, await client.CallAsync<long>(_rpc.Target, "add", RpcArgs.From(new { x = 2, y = 3 })));
    }

    [Fact]
    public async Task Versioned_call_outside_the_served_version_is_UnsupportedVersion()
    {
        await _rpc.StartServiceAsync(new TestManager());
        var client = await _rpc.ConnectAsync();

        Assert.Equal(2, await client.CallAsync<long>(_rpc.Target with { Version = "1.1" }, "add", RpcArgs.From(new { x = 1, y = 1 })));
        var error = await Assert.ThrowsAsync<RemoteError>(() => client.CallAsync<long>(_rpc.Target with { Version = "2.0" }, "add", RpcArgs.From(new { x = 1, y = 1 })));
        Assert.Equal("UnsupportedVersion", error.ExceptionClass);
    }

    [Fact]
    public async Task Cast_timestamps_reach_the_service_for_one_way_latency()
    {
        var service = await _rpc.StartServiceAsync(new TestManager());
        long received = 0;
        service.CastReceived = (sent, now) => Interlocked.Exchange(ref received, now - sent);
        var client = await _rpc.ConnectAsync();

        await client.CastAsync(_rpc.Target, "count", RpcArgs.Empty, context: null, stampSendTime: true);

        await Eventually.TrueAsync(() => Interlocked.Read(ref received) > 0, "one-way latency recorded");
        Assert.Equal(0, service.DeadLettered);
    }
}
