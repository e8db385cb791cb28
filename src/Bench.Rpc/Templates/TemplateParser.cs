using System.Globalization;
using System.Text;

namespace Bench.Rpc.Templates;

/// <summary>
/// Splits template text into literal UTF-8 and placeholder parts, once. "{{" always opens a placeholder (it cannot occur
/// in JSON outside a string) and the first "}}" after it closes it, so {"x": {{rand:1-5}}} reads as meant.
/// </summary>
internal static class TemplateParser
{
    public const string Expected = "{{seq}}, {{uuid}}, {{rand:A-B}}, {{choice:a|b|c}} or {{bytes:N}}";

    public static List<TemplatePart> Parse(string text)
    {
        var parts = new List<TemplatePart>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(new LiteralPart(Encoding.UTF8.GetBytes(text[position..])));
                break;
            }

            if (open > position)
            {
                parts.Add(new LiteralPart(Encoding.UTF8.GetBytes(text[position..open])));
            }

            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                var rest = text[open..];
                throw new TemplateException($"args template: \"{(rest.Length > 30 ? rest[..30] + "…" : rest)}\" at character {open + 1} has no closing \"}}}}\"; expected {Expected}");
            }

            parts.Add(Placeholder(text[open..(close + 2)], text[(open + 2)..close]));
            position = close + 2;
        }

        return parts;
    }

    private static TemplatePart Placeholder(string written, string inner)
    {
        var colon = inner.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? inner : inner[..colon]).Trim();
        var argument = colon < 0 ? null : inner[(colon + 1)..];
        switch (name)
        {
            case "seq":
                NoArgument(written, argument, "{{seq}}");
                return new SeqPart();
            case "uuid":
                NoArgument(written, argument, "{{uuid}}");
                return new UuidPart();
            case "rand":
                return Rand(written, argument);
            case "choice":
                return Choice(written, argument);
            case "bytes":
                return Bytes(written, argument);
            default:
                throw new TemplateException($"args template: unknown placeholder {written}; expected {Expected}");
        }
    }

    private static void NoArgument(string written, string? argument, string form)
    {
        if (argument is not null)
        {
            throw new TemplateException($"args template: {written} takes no argument; expected {form}");
        }
    }

    private static RandPart Rand(string written, string? argument)
    {
        const string Form = "rand:A-B with integers A <= B, e.g. {{rand:1-100}} or {{rand:-5-5}}";
        var text = argument?.Trim() ?? string.Empty;
        // The separator is the first '-' after A's own optional sign and first digit.
        var separator = text.Length > 1 ? text.IndexOf('-', 1) : -1;
        if (separator < 0
            || !long.TryParse(text[..separator].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var min)
            || !long.TryParse(text[(separator + 1)..].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var max))
        {
            throw new TemplateException($"args template: {written} is not a range; expected {Form}");
        }

        if (min > max)
        {
            throw new TemplateException($"args template: {written} has A > B; expected {Form}");
        }

        // NextInt64 takes the count of values, B − A + 1, which must itself be a long.
        if ((Int128)max - min + 1 > long.MaxValue)
        {
            throw new TemplateException($"args template: {written} spans more than 2^63 - 1 values; expected a narrower {Form}");
        }

        return new RandPart(written, min, max);
    }

    private static ChoicePart Choice(string written, string? argument)
    {
        var options = argument?.Split('|') ?? [];
        if (options.Length == 0 || options.Any(o => o.Length == 0))
        {
            throw new TemplateException($"args template: {written} has an empty option; expected choice:a|b|c with at least one non-empty option, e.g. {{{{choice:small|large}}}}");
        }

        return new ChoicePart(written, [.. options.Select(Encoding.UTF8.GetBytes)]);
    }

    private static BytesPart Bytes(string written, string? argument)
    {
        if (!int.TryParse(argument?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1 || count > BytesPart.MaxCount)
        {
            throw new TemplateException(string.Create(CultureInfo.InvariantCulture, $"args template: {written} is out of range; expected bytes:N with N from 1 to {BytesPart.MaxCount} (64 MiB), e.g. {{{{bytes:1024}}}}"));
        }

        return new BytesPart(written, count);
    }
}
