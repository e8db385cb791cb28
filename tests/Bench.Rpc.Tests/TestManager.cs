using Bench.Rpc.Dispatch;

namespace Bench.Rpc.Tests;

/// <summary>A manager exercising every binding shape the dispatcher supports.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "RPC endpoints are instance methods.")]
public sealed class TestManager : Manager
{
    private long _periodicRuns;
    private long _casts;

    public long PeriodicRuns => Interlocked.Read(ref _periodicRuns);

    public long Casts => Interlocked.Read(ref _casts);

    public bool InitHostRan { get; private set; }

    public override string RpcApiVersion => "1.3";

    public override ValueTask InitHostAsync(CancellationToken cancellationToken)
    {
        InitHostRan = true;
        return ValueTask.CompletedTask;
    }

    public long Add(long x, long y) => x + y;

    public string Greet(string name, string greeting = "hello") => greeting + " " + name;

    public double Scale(double value, int factor, bool negate = false) => negate ? -value * factor : value * factor;

    public string WhoAmI() => Host;

    public string? WhoIsCalling(RequestContext context) => context.UserId + "/" + context.ProjectId + "/" + context.RequestId;

    public Payload Describe(Payload payload) => payload with { Tags = [.. payload.Tags, "seen"] };

    /// <summary>A dict result holding floats and the caller's text: what json.dumps writes for it is checked byte for byte.</summary>
    public Dictionary<string, object?> Measure(string name) => new() { ["name"] = name, ["kg"] = 2.0, ["ratio"] = 1e-05, ["tags"] = new[] { "a" }, ["none"] = null };

    public async Task<long> SlowAsync(long ms)
    {
        await Task.Delay((int)ms);
        return ms;
    }

    /// <summary>Like slow, but cancellable: a handler timeout can end it.</summary>
    public async Task<long> NapAsync(long ms, CancellationToken cancellationToken)
    {
        await Task.Delay((int)ms, cancellationToken);
        return ms;
    }

    public async ValueTask NothingAsync() => await Task.Yield();

    /// <summary>How long the caller says it waits, in ms; -1 when the request does not say.</summary>
    public long Patience(CallerTimeout caller) => caller.Value is { } wait ? (long)wait.TotalMilliseconds : -1;

    public void Count() => Interlocked.Increment(ref _casts);

    public Unit Fail(string message) => throw new RemoteError("ValueError", "builtins", message);

    public long Crash() => throw new InvalidOperationException("the handler blew up");

    [RpcMethod("build_and_run_instance")]
    public string Build(string instanceName) => "building " + instanceName;

    [PeriodicTask]
    public void Tick() => Interlocked.Increment(ref _periodicRuns);

    public sealed record Payload(string Name, int Size, IReadOnlyList<string> Tags);
}
