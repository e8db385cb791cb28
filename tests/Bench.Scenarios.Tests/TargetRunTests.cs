using Bench.Reporting;
using Bench.Testing;

namespace Bench.Scenarios.Tests;

/// <summary>
/// `bench run --target`: Bench drives services it did not start — a real oslo.messaging server (scripts/peers/oslo,
/// with a namespace and version) and a real Celery worker on an app Bench does not define — with templated args.
/// Counts are asserted; so are the one-line refusals of an unreachable target and of bad flags.
/// </summary>
public sealed class TargetRunTests(BrokerFixture broker) : CliTest
{
    private const string ResizeArgs = "{\"instance_uuid\": \"{{uuid}}\", \"flavor_id\": {{rand:1-5}}, \"clean_shutdown\": {{choice:true|false}}}";
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    private string Amqp => broker.Uri.Uri.OriginalString;

    [Fact]
    public async Task Oslo_target_is_called_with_its_namespace_version_and_templated_args()
    {
        var topic = BrokerFixture.UniqueName("compute");
        await using var server = await PeerProcess.StartAsync("oslo/server.py", ["--url", Amqp, "--topic", topic, "--namespace", "compute", "--version", "5.1"]);

        using var cli = await BenchCli.RunAsync(s_timeout, "run", "--target", "oslo", "--amqp", Amqp, "--topic", topic, "--namespace", "compute", "--version", "5.1",
            "--method", "resize_instance", "--args", ResizeArgs, "--requests", "400", "--outstanding", "4", "--warmup", "0", "--out", Out);

        Assert.True(cli.ExitCode == 0, cli.Stdout + cli.Stderr);
        var s = Assert.Single(ResultStore.Read(Out).Scenarios);
        Assert.Equal(("oslo.call", 400L, 400L, 0L, 0L, true), (s.Id, s.Counts.Issued, s.Counts.Ok, s.Counts.Failed, s.Counts.TimedOut, s.Counts.Accounted));
        Assert.Equal(("oslo", topic, "resize_instance", "compute", "5.1"), (s.Settings["target"], s.Settings["topic"], s.Settings["method"], s.Settings["namespace"], s.Settings["version"]));
        Assert.Equal(ResizeArgs, s.Settings["args"]);
        Assert.DoesNotContain(s.Cost, c => c.Process == "worker"); // Bench started no worker
    }

    [Fact]
    public async Task Oslo_target_errors_count_as_failed_with_their_messages_sampled()
    {
        var topic = BrokerFixture.UniqueName("compute");
        await using var server = await PeerProcess.StartAsync("oslo/server.py", ["--url", Amqp, "--topic", topic, "--namespace", "compute", "--version", "5.1"]);

        // A method that raises, and a version the endpoint refuses (6.0 against 5.1): every request fails and says why.
        using var raises = await BenchCli.RunAsync(s_timeout, "run", "--target", "oslo", "--amqp", Amqp, "--topic", topic, "--namespace", "compute", "--version", "5.1",
            "--method", "fail", "--args", "{\"message\": \"boom {{seq}}\"}", "--requests", "60", "--outstanding", "2", "--warmup", "0", "--out", Out + "-raises");
        using var refused = await BenchCli.RunAsync(s_timeout, "run", "--target", "oslo", "--amqp", Amqp, "--topic", topic, "--namespace", "compute", "--version", "6.0",
            "--method", "resize_instance", "--args", ResizeArgs, "--requests", "40", "--outstanding", "2", "--warmup", "0", "--out", Out + "-refused");

        // Mostly failed runs are not green (exit 1), and the counts and samples say what happened.
        Assert.True(raises.ExitCode == 1, raises.Stdout + raises.Stderr);
        var r = Assert.Single(ResultStore.Read(Out + "-raises").Scenarios);
        Assert.Equal((60L, 0L, 60L, 0L, true), (r.Counts.Issued, r.Counts.Ok, r.Counts.Failed, r.Counts.TimedOut, r.Counts.Accounted));
        Assert.Contains(r.Errors, e => e.Message.Contains("ValueError", StringComparison.Ordinal) && e.Message.Contains("boom", StringComparison.Ordinal));

        Assert.True(refused.ExitCode == 1, refused.Stdout + refused.Stderr);
        var v = Assert.Single(ResultStore.Read(Out + "-refused").Scenarios);
        Assert.Equal((40L, 0L, 40L, true), (v.Counts.Issued, v.Counts.Ok, v.Counts.Failed, v.Counts.Accounted));
        Assert.Contains(v.Errors, e => e.Message.Contains("UnsupportedVersion", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Celery_target_runs_an_app_Bench_does_not_define_as_call_and_as_cast()
    {
        var queue = BrokerFixture.UniqueName("shop");
        await using var worker = await ShopWorker.StartAsync(broker.Uri.Uri, queue);

        using var call = await BenchCli.RunAsync(s_timeout, "run", "--target", "celery", "--amqp", Amqp, "--task", "shop.checkout", "--queue", queue,
            "--args", "[{{seq}}, [\"book\", \"{{choice:pen|ink}}\"]]", "--requests", "300", "--outstanding", "4", "--warmup", "0", "--out", Out);
        using var cast = await BenchCli.RunAsync(s_timeout, "run", "--target", "celery", "--amqp", Amqp, "--task", "shop.audit", "--queue", queue, "--cast",
            "--args", "[\"login\"]", "--kwargs", "{\"user\": \"u{{rand:1-99}}\"}", "--requests", "500", "--outstanding", "4", "--warmup", "0", "--out", Out + "-cast");

        Assert.True(call.ExitCode == 0, call.Stdout + call.Stderr);
        var c = Assert.Single(ResultStore.Read(Out).Scenarios);
        Assert.Equal(("celery.task", 300L, 300L, 0L, true), (c.Id, c.Counts.Issued, c.Counts.Ok, c.Counts.Failed, c.Counts.Accounted));
        Assert.Equal(("celery", "shop.checkout", queue), (c.Settings["target"], c.Settings["task"], c.Settings["queue"]));

        Assert.True(cast.ExitCode == 0, cast.Stdout + cast.Stderr);
        var k = Assert.Single(ResultStore.Read(Out + "-cast").Scenarios);
        Assert.Equal(("celery.task.cast", 500L, 500L, (long?)500), (k.Id, k.Counts.Issued, k.Counts.Ok, k.Counts.Delivered));
        Assert.True(k.Throughput > 0);
        Assert.Contains(k.Notes, n => n.Contains("consumer(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_target_is_one_line_naming_it_and_nothing_hangs()
    {
        var topic = BrokerFixture.UniqueName("nobody");

        using var noQueue = await BenchCli.RunAsync(s_timeout, "run", "--target", "oslo", "--amqp", Amqp, "--topic", topic, "--method", "ping", "--requests", "10", "--out", Out);
        using var noExchange = await BenchCli.RunAsync(s_timeout, "run", "--target", "oslo", "--amqp", Amqp, "--topic", topic, "--exchange", "no-such-exchange", "--method", "ping", "--requests", "10", "--out", Out + "-x");
        using var noWorker = await BenchCli.RunAsync(s_timeout, "run", "--target", "celery", "--amqp", Amqp, "--task", "shop.ping", "--queue", topic, "--requests", "10", "--out", Out + "-c");

        Assert.True(noQueue.ExitCode == 1, noQueue.Stdout + noQueue.Stderr);
        Assert.Contains($"no queue '{topic}'", noQueue.Stdout + noQueue.Stderr, StringComparison.Ordinal);
        // The results say why as the terminal did: the run has no record, but its stop reason is the line.
        var unreached = ResultStore.Read(Out);
        Assert.True(unreached.Incomplete);
        Assert.Contains($"no queue '{topic}'", unreached.StopReason, StringComparison.Ordinal);
        Assert.True(noExchange.ExitCode == 1, noExchange.Stdout + noExchange.Stderr);
        Assert.Contains("exchange 'no-such-exchange' not found", noExchange.Stdout + noExchange.Stderr, StringComparison.Ordinal);
        Assert.True(noWorker.ExitCode == 1, noWorker.Stdout + noWorker.Stderr);
        Assert.Contains($"queue '{topic}'", noWorker.Stdout + noWorker.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--target needs --amqp", "run", "--target", "oslo", "--topic", "t", "--method", "m")]
    [InlineData("--args: ", "run", "--target", "oslo", "--amqp", "amqp://127.0.0.1:1/", "--topic", "t", "--method", "m", "--args", "{\"x\": {{nope}}}")]
    [InlineData("--target oslo needs --method", "run", "--target", "oslo", "--amqp", "amqp://127.0.0.1:1/", "--topic", "t")]
    [InlineData("--target must be oslo or celery", "run", "--target", "grpc", "--amqp", "amqp://127.0.0.1:1/")]
    [InlineData("--task does not apply to --target oslo", "run", "--target", "oslo", "--amqp", "amqp://127.0.0.1:1/", "--topic", "t", "--method", "m", "--task", "x")]
    [InlineData("applies to an external target", "run", "--topic", "t")]
    [InlineData("--transport does not apply to oslo.call", "run", "--target", "oslo", "--amqp", "amqp://127.0.0.1:1/", "--topic", "t", "--method", "m", "--transport", "direct")]
    [InlineData("--fault acts on Bench's own workers", "run", "--target", "oslo", "--amqp", "amqp://127.0.0.1:1/", "--topic", "t", "--method", "m", "--fault", "worker-kill@1s")]
    [InlineData("--prefetch does not apply to harness.null", "run", "--scenario", "harness.null", "--prefetch", "1,10", "--amqp", "amqp://127.0.0.1:1/")]
    [InlineData("the broker does not answer", "run", "--scenario", "harness.null", "--requests", "10", "--amqp", "amqp://127.0.0.1:1/")]
    public async Task Bad_target_flags_get_one_line_and_exit_2(string expected, params string[] arguments)
    {
        using var cli = await BenchCli.RunAsync(s_timeout, arguments);

        Assert.Equal(2, cli.ExitCode);
        Assert.Contains(expected, cli.Stderr, StringComparison.Ordinal);
        Assert.Single(cli.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
