using System.Buffers;
using System.Text;
using System.Text.Json;
using Bench.Rpc.Dispatch;
using Bench.Testing;

namespace Bench.Rpc.Tests.Dispatch;

/// <summary>
/// Writing the common results in Python's form allocates nothing: ints, strings, floats, and raw JSON passed through
/// (echo's payload, plain or needing its escapes redone). Counted with the thread's allocated-bytes counter, never timed.
/// </summary>
public sealed class ResultWriterAllocationTests
{
    private const int Writes = 10_000;

    [Fact]
    public void Common_results_are_written_without_allocating()
    {
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        var options = JsonSerializerOptions.Default;
        var text = "hello nova";
        var plain = new RawJson(Encoding.UTF8.GetBytes("\"" + new string('x', 1000) + "\""));
        var escaped = new RawJson(Encoding.UTF8.GetBytes("{\"name\":\"caf\\u00E9\",\"vm\":[1,\"two\",1.50,null],\"long\":\"" + new string('y', 300) + "\\n\"}"));
        void WriteAll(int i)
        {
            output.ResetWrittenCount();
            ResultWriter<long>.Write(output, i, options);
            ResultWriter<string>.Write(output, text, options);
            ResultWriter<double>.Write(output, i * 0.25, options);
            ResultWriter<RawJson>.Write(output, plain, options);
            ResultWriter<RawJson>.Write(output, escaped, options);
        }

        WriteAll(0); // first use: the writers' delegates and the shared array pool

        Assert.Equal(0, AllocatedBytes.FewestOf(3, () =>
        {
            for (var i = 0; i < Writes; i++)
            {
                WriteAll(i);
            }
        }));
        Assert.EndsWith("{\"name\": \"caf\\u00e9\", \"vm\": [1, \"two\", 1.5, null], \"long\": \"" + new string('y', 300) + "\\n\"}", Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
