using System.Text;
using System.Text.Json;
using Bench.Rpc.Celery;
using Bench.Rpc.Dispatch;
using Bench.Benchmarks.Dispatch;
using BenchmarkDotNet.Attributes;

namespace Bench.Benchmarks.Celery;

/// <summary>
/// The C# Celery worker's per-task work outside RabbitMQ.Client, on the captured tasks.add(4, 4) (protocol v2): reading
/// the task in place, and the whole path to the result message's bytes (read, look up, bind, run, write the result
/// into a pooled work item). Both must allocate nothing. The JsonDocument baseline is how the worker read tasks
/// before (parse a copy of the body, re-encode args and kwargs, decode the header strings).
/// </summary>
[BenchmarkCategory("Celery")]
public class CeleryWorkerBenchmarks
{
    private const string Id = "f9a53afb-71c1-45be-b53f-7916f5c7f2cc";
    private static readonly byte[] s_prefix = "tasks."u8.ToArray();
    private static readonly byte[] s_body = "[[4, 4], {}, {\"callbacks\": null, \"errbacks\": null, \"chain\": null, \"chord\": null}]"u8.ToArray();

    // As RabbitMQ.Client delivers Celery's 16 headers: strings as byte[].
    private readonly Dictionary<string, object?> _headers = CeleryWire.Headers("tasks.add", Id, "[4, 4]", ignoreResult: false, "gen13197@vm")
        .ToDictionary(h => h.Key, h => h.Value is string s ? Encoding.UTF8.GetBytes(s) : h.Value);

    private readonly Dispatcher _dispatcher = new(new DispatchBenchmarks.AddManager());

    [Benchmark(Baseline = true, Description = "before: JsonDocument over a copy, re-encoded args")]
    public int ReadWithDocument()
    {
        using var document = JsonDocument.Parse(s_body.ToArray());
        var task = Encoding.UTF8.GetString((byte[])_headers["task"]!);
        var id = Encoding.UTF8.GetString((byte[])_headers["id"]!);
        var args = Encoding.UTF8.GetBytes(document.RootElement[0].GetRawText());
        var kwargs = Encoding.UTF8.GetBytes(document.RootElement[1].GetRawText());
        return task.Length + id.Length + args.Length + kwargs.Length;
    }

    [Benchmark(Description = "CeleryTaskReader: read in place")]
    public int Read()
    {
        CeleryTaskReader.TryRead(_headers, Id, s_body, out var task, out _);
        return task.Name.Length + task.Id.Length + task.Args.Length + task.Kwargs.Length;
    }

    [Benchmark(Description = "read, find, bind, run add, write the result message")]
    public int ReadRunReply()
    {
        var work = CeleryWorkItem.Rent();
        try
        {
            CeleryTaskReader.TryRead(_headers, Id, s_body, out var task, out _);
            work.SetId(task.Id);
            var invoker = _dispatcher.Find(task.Name[s_prefix.Length..])!;
            var frame = invoker.TryBindPositional(task.Args, task.Kwargs, _dispatcher.Options, out _)!;
            var running = invoker.InvokeAsync(_dispatcher.Manager, frame, null, work.Result, _dispatcher.Options, CancellationToken.None);
            if (!running.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("add completes synchronously");
            }

            CeleryWire.WriteResult(work.Reply, work.Id, success: true, work.Result.WrittenSpan, error: null);
            return work.Reply.WrittenCount;
        }
        finally
        {
            work.Return();
        }
    }
}
