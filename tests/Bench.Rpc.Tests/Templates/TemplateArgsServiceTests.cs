using Bench.Rpc.Templates;
using Bench.Rpc.Tests.Server;
using Bench.Testing;

namespace Bench.Rpc.Tests.Templates;

/// <summary>Templated args through the real client, broker and service: pooled buffers outlive each request, not more.</summary>
public sealed class TemplateArgsServiceTests(BrokerFixture broker) : IAsyncLifetime
{
    private const int Calls = 200;
    private readonly RpcHarness _rpc = new(broker);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _rpc.DisposeAsync();

    [Fact]
    public async Task Concurrent_calls_each_carry_their_own_rendered_args()
    {
        await _rpc.StartServiceAsync(new TestManager());
        var client = await _rpc.ConnectAsync();
        var template = ArgsTemplate.Compile("""{"name": "vm-{{seq}}", "greeting": "{{choice:hi|hello}}"}""", TemplateShape.JsonObject);

        // 16 calls in flight at a time, each renting, rendering and returning its buffer: a buffer handed back too early
        // would be overwritten by the next render and show up as a duplicate or missing name.
        var replies = new List<string>();
        foreach (var batch in Enumerable.Range(0, Calls).Chunk(16))
        {
            replies.AddRange(await Task.WhenAll(batch.Select(async _ =>
            {
                using var args = template.Rent();
                var result = await client.TryCallAsync(_rpc.Target, "greet", args.Args);
                Assert.Equal(CallOutcome.Ok, result.Outcome);
                return System.Text.Json.JsonSerializer.Deserialize<string>(result.Result.Span)!;
            })));
        }

        var names = replies.Select(r => r.Split(' ')).ToList();
        Assert.All(names, n => Assert.Contains(n[0], new[] { "hi", "hello" }));
        Assert.Equal(Enumerable.Range(0, Calls).Select(i => "vm-" + i), names.Select(n => n[1]).OrderBy(n => int.Parse(n[3..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(2, names.Select(n => n[0]).Distinct().Count());
    }
}
