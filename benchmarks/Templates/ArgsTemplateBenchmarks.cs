using System.Buffers;
using System.Text.Json;
using Bench.Rpc.Templates;
using BenchmarkDotNet.Attributes;

namespace Bench.Benchmarks.Templates;

/// <summary>
/// Filling a Nova-like args template per request (issue 8): rendering into the caller's buffer, and renting from the
/// pool as the load step does, must both show 0 B allocated. Serializing an equivalent object per request is the
/// naive way, shown for scale.
/// </summary>
[BenchmarkCategory("Templates")]
[MemoryDiagnoser]
public class ArgsTemplateBenchmarks
{
    // A resize-style call: ids, a uuid, a flavor choice, sizes in range and a 256-byte filler.
    private const string Nova = """
        {"instance": {"id": {{seq}}, "uuid": "{{uuid}}", "hostname": "vm-{{seq}}", "flavor": "{{choice:m1.small|m1.medium|m1.large}}",
         "memory_mb": {{rand:512-8192}}, "vcpus": {{rand:1-8}}, "user_data": "{{bytes:256}}"},
         "flavor_id": {{rand:1-5}}, "clean_shutdown": {{choice:true|false}}, "request_spec": {"num_instances": 1}}
        """;

    private static readonly string[] s_flavors = ["m1.small", "m1.medium", "m1.large"];
    private static readonly string s_userData = new('a', 256);

    private readonly ArgsTemplate _template = ArgsTemplate.Compile(Nova, TemplateShape.JsonObject);
    private readonly ArrayBufferWriter<byte> _json = new(1024);
    private byte[] _buffer = [];
    private long _seq;

    [GlobalSetup]
    public void Setup() => _buffer = new byte[_template.MaxLength];

    [Benchmark(Description = "render into caller buffer")]
    public int Render() => _template.Render(_buffer);

    [Benchmark(Description = "rent + render + return (TemplateArgs)")]
    public int Rent()
    {
        using var args = _template.Rent();
        return args.Args.Json.Length;
    }

    [Benchmark(Description = "JsonSerializer of an equivalent object (naive)")]
    public int Serialize()
    {
        var seq = _seq++;
        _json.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_json);
        JsonSerializer.Serialize(writer, new
        {
            instance = new
            {
                id = seq,
                uuid = Guid.NewGuid().ToString(),
                hostname = "vm-" + seq,
                flavor = s_flavors[Random.Shared.Next(s_flavors.Length)],
                memory_mb = Random.Shared.Next(512, 8193),
                vcpus = Random.Shared.Next(1, 9),
                user_data = s_userData,
            },
            flavor_id = Random.Shared.Next(1, 6),
            clean_shutdown = Random.Shared.Next(2) == 0,
            request_spec = new { num_instances = 1 },
        });
        return _json.WrittenCount;
    }
}
