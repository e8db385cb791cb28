using System.Globalization;

namespace Bench.Scenarios.Cli;

/// <summary>
/// A Bench scenario that is a call or cast of one method of Bench's worker, in the form local agents run it: as an
/// oslo target (`--target oslo --method M --args TEMPLATE [--cast]`) against the one worker `--local` starts. The other
/// scenarios need more than a method on that worker (their own workers, a raw consumer, Celery, fanout, objects).
/// </summary>
internal sealed record WorkerMethodCall(string Method, string Args, bool Cast)
{
    /// <summary>The scenario ids local agents run, in the order the refusal names them.</summary>
    public static IReadOnlyList<string> Runnable { get; } = ["call.echo", "call.add", "call.sleep", "call.nova", "cast.count"];

    /// <summary>The form of <paramref name="scenario"/>, or null when it cannot run as calls or casts of the worker.</summary>
    public static WorkerMethodCall? For(string scenario, int payloadBytes, int sleepMs) => scenario switch
    {
        "call.echo" => new("echo", $"{{\"payload\": \"{{{{bytes:{payloadBytes}}}}}\"}}", false),
        "call.add" => new("add", "{\"x\": {{seq}}, \"y\": 1}", false),
        "call.sleep" => new("sleep", string.Create(CultureInfo.InvariantCulture, $"{{\"ms\": {sleepMs}}}"), false),
        "call.nova" => new("echo", "{\"payload\": " + Payloads.NovaInstance.Json + "}", false),
        "cast.count" => new("count", $"{{\"payload\": \"{{{{bytes:{payloadBytes}}}}}\"}}", true),
        _ => null,
    };

    /// <summary>The scenario a `--method` shorthand names (as `bench run --method M` does without agents).</summary>
    public static string ForMethod(string method) => "call." + method;
}
