using Bench.Rpc.Templates;

namespace Bench.Rpc.Tests.Templates;

/// <summary>Every kind of bad template fails at compile time with one line naming the placeholder and what was expected.</summary>
public sealed class TemplateErrorTests
{
    [Theory]
    [InlineData("{\"a\": {{foo}}}", "unknown placeholder {{foo}}")]
    [InlineData("{\"a\": {{}}}", "unknown placeholder {{}}")]
    [InlineData("{\"a\": {{seq}", "has no closing \"}}\"")]
    [InlineData("{\"a\": \"{{uuid\"}", "has no closing \"}}\"")]
    [InlineData("{\"a\": {{seq:3}}}", "{{seq:3}} takes no argument")]
    [InlineData("{\"a\": \"{{uuid:v4}}\"}", "{{uuid:v4}} takes no argument")]
    [InlineData("{\"a\": {{rand:5-1}}}", "{{rand:5-1}} has A > B")]
    [InlineData("{\"a\": {{rand:x-5}}}", "{{rand:x-5}} is not a range")]
    [InlineData("{\"a\": {{rand:1.5-3}}}", "{{rand:1.5-3}} is not a range")]
    [InlineData("{\"a\": {{rand:7}}}", "{{rand:7}} is not a range")]
    [InlineData("{\"a\": {{rand}}}", "{{rand}} is not a range")]
    [InlineData("{\"a\": {{rand:-9223372036854775808-9223372036854775807}}}", "spans more than 2^63 - 1 values")]
    [InlineData("{\"a\": {{choice:}}}", "{{choice:}} has an empty option")]
    [InlineData("{\"a\": {{choice:1||2}}}", "{{choice:1||2}} has an empty option")]
    [InlineData("{\"a\": {{choice}}}", "{{choice}} has an empty option")]
    [InlineData("{\"a\": \"{{bytes:0}}\"}", "{{bytes:0}} is out of range")]
    [InlineData("{\"a\": \"{{bytes:67108865}}\"}", "{{bytes:67108865}} is out of range")]
    [InlineData("{\"a\": \"{{bytes:-1}}\"}", "{{bytes:-1}} is out of range")]
    [InlineData("{\"a\": \"{{bytes:lots}}\"}", "{{bytes:lots}} is out of range")]
    public void A_bad_placeholder_is_named_with_what_was_expected(string text, string expected)
    {
        var e = Assert.Throws<TemplateException>(() => ArgsTemplate.Compile(text, TemplateShape.JsonObject));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("expected", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("{\"id\": {{uuid}}}", "at {{uuid}}")]
    [InlineData("{\"p\": {{bytes:8}}}", "at {{bytes:8}}")]
    [InlineData("{\"size\": {{choice:1|large}}}", "at {{choice:1|large}}")]
    [InlineData("{\"a\": 1,}", "is not JSON once filled")]
    [InlineData("{\"a\": 1} trailing", "is not JSON once filled")]
    [InlineData("", "is not JSON once filled")]
    public void A_placeholder_that_breaks_the_json_fails_at_compile_time(string text, string expected)
    {
        var e = Assert.Throws<TemplateException>(() => ArgsTemplate.Compile(text, TemplateShape.JsonObject));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Oslo_args_must_be_an_object()
    {
        var e = Assert.Throws<TemplateException>(() => ArgsTemplate.Compile("[{{seq}}]", TemplateShape.JsonObject));

        Assert.Contains("is not a JSON object", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Celery_positional_args_must_be_an_array()
    {
        var e = Assert.Throws<TemplateException>(() => ArgsTemplate.Compile("{\"n\": {{seq}}}", TemplateShape.JsonArray));

        Assert.Contains("is not a JSON array", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_that_could_exceed_the_broker_message_limit_is_refused()
    {
        var e = Assert.Throws<TemplateException>(() => ArgsTemplate.Compile("[\"{{bytes:67108864}}\", \"{{bytes:67108864}}\"]", TemplateShape.JsonArray));

        Assert.Contains("expected at most 134,217,728", e.Message, StringComparison.Ordinal);
    }
}
