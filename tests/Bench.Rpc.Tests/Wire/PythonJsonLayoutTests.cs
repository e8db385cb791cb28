using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bench.Broker;
using Bench.Rpc.Wire;
using Bench.Testing;

namespace Bench.Rpc.Tests.Wire;

/// <summary>
/// Floats and whole JSON texts laid out as Python's json.dumps does: fixed cases (expected values are what CPython
/// prints) and random ones checked against the real /usr/bin/python3.
/// </summary>
public sealed class PythonJsonLayoutTests
{
    [Theory]
    [InlineData(2.0, "2.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-4, "0.0001")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(1.5e-5, "1.5e-05")]
    [InlineData(-1e-7, "-1e-07")]
    [InlineData(123456789.125, "123456789.125")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e16, "1.5e+16")]
    [InlineData(1e22, "1e+22")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(double.Epsilon, "5e-324")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Floats_are_written_as_python_repr(double value, string expected)
    {
        var output = new ArrayBufferWriter<byte>();
        PythonJson.Double(output, value);
        Assert.Equal(expected, Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public async Task Random_floats_match_python_repr()
    {
        var random = new Random(20261206);
        var values = Enumerable.Range(0, 3000).Select(i => i % 3 == 0
            ? BitConverter.Int64BitsToDouble(random.NextInt64()) // any bit pattern: every exponent
            : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30))).Where(double.IsFinite).ToList();

        var python = await PythonAsync("import json,struct\nfor line in open(sys.argv[1]):\n    print(json.dumps(struct.unpack('<d', bytes.fromhex(line.strip()))[0]))",
            values.Select(v => Convert.ToHexString(BitConverter.GetBytes(v))));

        Assert.Equal(python, values.Select(v => Written(o => PythonJson.Double(o, v))));
    }

    [Theory]
    [InlineData("{\"a\":1,\"b\":[true,false,null],\"c\":{}}", "{\"a\": 1, \"b\": [true, false, null], \"c\": {}}")]
    [InlineData("[]", "[]")]
    [InlineData("{\"x\":1.50,\"y\":1E2,\"z\":-0,\"w\":12345678901234567890}", "{\"x\": 1.5, \"y\": 100.0, \"z\": 0, \"w\": 12345678901234567890}")]
    [InlineData("\"caf\\u00e9 \\u003c/tag\\u003e \\ud83d\\ude00\"", "\"caf\\u00e9 </tag> \\ud83d\\ude00\"")]
    [InlineData("{\"user_id\":\"zo\\u00EB\",\"n\":[1,\"two\",null]}", "{\"user_id\": \"zo\\u00eb\", \"n\": [1, \"two\", null]}")]
    [InlineData("{\"nested\":{\"list\":[[],[{}],{\"k\":\"v\"}]}}", "{\"nested\": {\"list\": [[], [{}], {\"k\": \"v\"}]}}")]
    [InlineData("{\"ctxt\": {\"user_id\": \"u1\", \"client_timeout\": null}, \"kwargs\": {\"x\": [1, \"two\", null], \"y\": 1.5}}", "{\"ctxt\": {\"user_id\": \"u1\", \"client_timeout\": null}, \"kwargs\": {\"x\": [1, \"two\", null], \"y\": 1.5}}")]
    public void Json_is_laid_out_as_python_json_dumps(string json, string expected)
    {
        Assert.Equal(expected, Written(o => PythonJsonText.Write(o, Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public async Task Random_json_matches_python_dumps_of_loads()
    {
        var random = new Random(6122026);
        string[] strings = ["plain", "caf\u00e9", "\u4e2d", "\ud83d\ude00", "tab\t", "quote\"", "back\\slash", "</script>", "\u007f", "a/b", "\u2028", string.Empty];
        string Value(int depth) => random.Next(depth > 2 ? 5 : 7) switch
        {
            0 => random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture),
            1 => ((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 20))).ToString("R", CultureInfo.InvariantCulture),
            2 => System.Text.Json.JsonSerializer.Serialize(strings[random.Next(strings.Length)]), // System.Text.Json's escaping (\u00E9, \u003C)
            3 => random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" },
            4 => "\"" + strings[random.Next(strings.Length)].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"", // raw UTF-8
            5 => "[" + string.Join(random.Next(2) == 0 ? "," : " , ", Enumerable.Range(0, random.Next(4)).Select(_ => Value(depth + 1))) + "]",
            _ => "{" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(i => "\"k" + i + strings[random.Next(strings.Length)].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\":" + Value(depth + 1))) + "}",
        };
        var texts = Enumerable.Range(0, 1500).Select(_ => Value(0)).ToList();

        var python = await PythonAsync("import json\nfor line in open(sys.argv[1], encoding='utf-8'):\n    print(json.dumps(json.loads(line)))", texts);

        Assert.Equal(python, texts.Select(t => Written(o => PythonJsonText.Write(o, Encoding.UTF8.GetBytes(t)))));
    }

    [Fact]
    public void Python_form_comes_out_unchanged()
    {
        var reply = Vectors.Load("oslo_server_replies.json", "success_dict_result_echo").GetProperty("replies")[0].GetProperty("body_json").GetProperty("oslo.message").GetString()!;
        Assert.Equal(reply, Written(o => PythonJsonText.Write(o, Encoding.UTF8.GetBytes(reply))));
    }

    private static string Written(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    /// <summary>Runs a Python program over the lines of a file (sys.argv[1]) and returns what it printed, a line an input.</summary>
    private static async Task<string[]> PythonAsync(string program, IEnumerable<string> lines)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(file, lines, new UTF8Encoding(false));
            var start = new ProcessStartInfo(PeerProcess.Python) { ArgumentList = { "-c", "import sys\n" + program, file } };
            var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromSeconds(60));
            Assert.True(exitCode == 0, stderr);
            return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
