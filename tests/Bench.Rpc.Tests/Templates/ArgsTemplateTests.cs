using System.Text;
using System.Text.Json;
using Bench.Rpc.Templates;

namespace Bench.Rpc.Tests.Templates;

/// <summary>Each placeholder's output, the JSON the filled template makes, and constant templates.</summary>
public sealed class ArgsTemplateTests
{
    [Fact]
    public void Seq_counts_from_zero_per_template_and_is_shared_within_one_render()
    {
        var template = ArgsTemplate.Compile("""{"id": {{seq}}, "name": "vm-{{seq}}"}""", TemplateShape.JsonObject);
        var other = ArgsTemplate.Compile("[{{seq}}]", TemplateShape.JsonArray);

        for (var i = 0; i < 5; i++)
        {
            using var json = Parse(template);
            Assert.Equal(i, json.RootElement.GetProperty("id").GetInt64());
            Assert.Equal("vm-" + i, json.RootElement.GetProperty("name").GetString());
        }

        Assert.Equal("[0]", RenderText(other));
    }

    [Fact]
    public void Seq_is_unique_across_threads()
    {
        var template = ArgsTemplate.Compile("[{{seq}}]", TemplateShape.JsonArray);
        var seen = new System.Collections.Concurrent.ConcurrentBag<long>();
        Parallel.For(0, 4, _ =>
        {
            var buffer = new byte[template.MaxLength];
            for (var i = 0; i < 1000; i++)
            {
                var written = template.Render(buffer);
                using var json = JsonDocument.Parse(buffer.AsMemory(0, written));
                seen.Add(json.RootElement[0].GetInt64());
            }
        });

        Assert.Equal(Enumerable.Range(0, 4000).Select(i => (long)i), seen.Order());
    }

    [Fact]
    public void Uuid_is_a_fresh_hyphenated_version_4_uuid_each_render()
    {
        var template = ArgsTemplate.Compile("""{"uuid": "{{uuid}}"}""", TemplateShape.JsonObject);
        var uuids = Enumerable.Range(0, 100).Select(_ =>
        {
            using var json = Parse(template);
            return json.RootElement.GetProperty("uuid").GetString()!;
        }).ToList();

        Assert.All(uuids, u =>
        {
            Assert.Equal(36, u.Length);
            Assert.True(Guid.TryParseExact(u, "D", out var parsed), u);
            Assert.Equal(4, parsed.Version);
            Assert.Equal(0b10, parsed.Variant >> 2); // RFC 9562 variant: bits 10xx
        });
        Assert.Equal(100, uuids.Distinct().Count());
    }

    [Theory]
    [InlineData("1-5", 1, 5)]
    [InlineData("-3-3", -3, 3)]
    [InlineData("-10--7", -10, -7)]
    [InlineData(" 7 - 7 ", 7, 7)]
    public void Rand_stays_within_its_inclusive_bounds_and_reaches_both(string range, long min, long max)
    {
        var template = ArgsTemplate.Compile("{\"n\": {{rand:" + range + "}}}", TemplateShape.JsonObject);
        var drawn = Enumerable.Range(0, 2000).Select(_ =>
        {
            using var json = Parse(template);
            return json.RootElement.GetProperty("n").GetInt64();
        }).ToList();

        Assert.All(drawn, n => Assert.InRange(n, min, max));
        Assert.Contains(min, drawn);
        Assert.Contains(max, drawn);
    }

    [Fact]
    public void Rand_takes_64_bit_bounds()
    {
        var template = ArgsTemplate.Compile("[{{rand:-9223372036854775806-0}}]", TemplateShape.JsonArray);
        for (var i = 0; i < 100; i++)
        {
            using var json = Parse(template);
            Assert.InRange(json.RootElement[0].GetInt64(), -9223372036854775806, 0);
        }
    }

    [Fact]
    public void Choice_picks_every_option_and_nothing_else()
    {
        var template = ArgsTemplate.Compile("""{"flavor": "{{choice:m1.small|m1.large|ø-ünïcode}}", "n": {{choice:1|22|333}}}""", TemplateShape.JsonObject);
        var flavors = new HashSet<string>();
        var numbers = new HashSet<int>();
        for (var i = 0; i < 500; i++)
        {
            using var json = Parse(template);
            flavors.Add(json.RootElement.GetProperty("flavor").GetString()!);
            numbers.Add(json.RootElement.GetProperty("n").GetInt32());
        }

        Assert.Equal(["m1.large", "m1.small", "ø-ünïcode"], flavors.Order(StringComparer.Ordinal));
        Assert.Equal([1, 22, 333], numbers.Order());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(65_536)]
    public void Bytes_writes_exactly_n_letters(int count)
    {
        var template = ArgsTemplate.Compile("{\"payload\": \"{{bytes:" + count + "}}\"}", TemplateShape.JsonObject);
        using var json = Parse(template);
        var payload = json.RootElement.GetProperty("payload").GetString()!;

        Assert.Equal(count, payload.Length);
        Assert.All(payload, c => Assert.InRange(c, 'a', 'z'));
    }

    [Fact]
    public void A_nova_like_template_renders_valid_json_every_time()
    {
        var template = ArgsTemplate.Compile(Nova, TemplateShape.JsonObject);
        var buffer = new byte[template.MaxLength];
        for (var i = 0; i < 1000; i++)
        {
            var written = template.Render(buffer);
            using var json = JsonDocument.Parse(buffer.AsMemory(0, written));
            var instance = json.RootElement.GetProperty("instance");
            Assert.Equal(i, instance.GetProperty("id").GetInt64());
            Assert.InRange(instance.GetProperty("memory_mb").GetInt32(), 512, 8192);
            Assert.Equal(256, instance.GetProperty("user_data").GetString()!.Length);
        }
    }

    [Fact]
    public void Text_without_placeholders_is_constant_and_kept_byte_for_byte()
    {
        const string Text = """{"a": 1, "s": "x}} y", "nested": {"b": [1, 2]}}""";
        var template = ArgsTemplate.Compile(Text, TemplateShape.JsonObject);

        Assert.True(template.IsConstant);
        Assert.Equal(Text, template.Constant.ToString());
        using var args = template.Rent();
        Assert.Equal(Text, args.Args.ToString());
    }

    [Fact]
    public void Bytes_alone_still_makes_a_constant_template()
    {
        var template = ArgsTemplate.Compile("[\"{{bytes:10}}\"]", TemplateShape.JsonArray);

        Assert.True(template.IsConstant);
        Assert.Equal("[\"abcdefghij\"]", template.Constant.ToString());
    }

    [Fact]
    public void A_template_with_placeholders_is_not_constant()
    {
        var template = ArgsTemplate.Compile("[{{seq}}]", TemplateShape.JsonArray);

        Assert.False(template.IsConstant);
        Assert.Throws<InvalidOperationException>(() => template.Constant);
    }

    [Fact]
    public void Rented_args_hold_the_rendered_json()
    {
        var template = ArgsTemplate.Compile("""{"id": {{seq}}, "uuid": "{{uuid}}"}""", TemplateShape.JsonObject);
        using var args = template.Rent();
        using var json = JsonDocument.Parse(args.Args.Json);

        Assert.Equal(0, json.RootElement.GetProperty("id").GetInt64());
        Assert.Equal(args.Args.Json.Length, Encoding.UTF8.GetByteCount(args.Args.ToString()));
    }

    [Fact]
    public void A_buffer_shorter_than_max_length_is_refused()
    {
        var template = ArgsTemplate.Compile("[{{seq}}]", TemplateShape.JsonArray);

        Assert.Throws<ArgumentException>(() => template.Render(new byte[template.MaxLength - 1]));
    }

    internal const string Nova = """
        {"instance": {"id": {{seq}}, "uuid": "{{uuid}}", "hostname": "vm-{{seq}}", "flavor": "{{choice:m1.small|m1.medium|m1.large}}",
         "memory_mb": {{rand:512-8192}}, "vcpus": {{rand:1-8}}, "user_data": "{{bytes:256}}"},
         "flavor_id": {{rand:1-5}}, "clean_shutdown": {{choice:true|false}}, "request_spec": {"num_instances": 1}}
        """;

    private static JsonDocument Parse(ArgsTemplate template)
    {
        var buffer = new byte[template.MaxLength];
        var written = template.Render(buffer);
        return JsonDocument.Parse(buffer.AsMemory(0, written));
    }

    private static string RenderText(ArgsTemplate template)
    {
        var buffer = new byte[template.MaxLength];
        return Encoding.UTF8.GetString(buffer, 0, template.Render(buffer));
    }
}
