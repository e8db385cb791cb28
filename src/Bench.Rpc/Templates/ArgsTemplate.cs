using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Bench.Rpc.Templates;

/// <summary>
/// Request arguments with placeholders filled per request. <see cref="Compile"/> parses and checks the text once;
/// <see cref="Render"/> then writes one request's arguments into a buffer the caller owns, without parsing or
/// allocating (<see cref="Rent"/> does the pooling). The placeholders:
/// <list type="bullet">
/// <item>{{seq}}: 0, 1, 2… counted per template across threads; every {{seq}} in one render gets the same number.</item>
/// <item>{{uuid}}: a random version-4 UUID, 36 characters, unquoted: write "{{uuid}}" inside a JSON string.</item>
/// <item>{{rand:A-B}}: a uniform 64-bit integer in [A, B], both inclusive; A and B may be negative ({{rand:-10--1}}), A &lt;= B.</item>
/// <item>{{choice:a|b|c}}: one of the texts, uniformly, inserted as written ("{{choice:x|y}}" for strings, {{choice:1|2}} for numbers).</item>
/// <item>{{bytes:N}}: N lowercase letters (1 ≤ N ≤ 64 MiB), the same filler each render: it sizes a payload inside a JSON string.</item>
/// </list>
/// "{{" always opens a placeholder and the first "}}" closes it; choice texts cannot hold "|" or "}}".
/// </summary>
public sealed class ArgsTemplate
{
    /// <summary>RabbitMQ's default max_message_size (128 MiB): a template that can render more could never be sent.</summary>
    public const int MaxRenderedLength = 128 << 20;

    private readonly TemplatePart[] _parts;
    private readonly bool _usesSequence;
    private readonly byte[]? _constant;
    private long _nextSequence;

    private ArgsTemplate(string text, TemplateShape shape, TemplatePart[] parts, int maxLength)
    {
        Text = text;
        Shape = shape;
        _parts = parts;
        MaxLength = maxLength;
        _usesSequence = parts.Any(p => p.UsesSequence);
        if (parts.All(p => p.IsFixed))
        {
            _constant = new byte[maxLength];
            Render(_constant);
        }
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    public TemplateShape Shape { get; }

    /// <summary>The most bytes one render can write: the size of the buffer <see cref="Render"/> needs.</summary>
    public int MaxLength { get; }

    /// <summary>True when the template has no per-request placeholder: send <see cref="Constant"/> and skip rendering.</summary>
    public bool IsConstant => _constant is not null;

    /// <summary>The fixed arguments of a constant template (no placeholders, or only {{bytes:N}}).</summary>
    public RpcArgs Constant => _constant is { } bytes ? new RpcArgs(bytes) : throw new InvalidOperationException($"args template {Text} has per-request placeholders: render it");

    /// <summary>
    /// Parses and checks <paramref name="text"/>: every placeholder must be known and well-formed, and the text, filled
    /// with sample values (every choice option, both rand bounds), must be JSON of <paramref name="shape"/>.
    /// </summary>
    /// <exception cref="TemplateException">One line naming the placeholder or JSON problem and what was expected.</exception>
    public static ArgsTemplate Compile(string text, TemplateShape shape)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = TemplateParser.Parse(text).ToArray();
        var maxLength = parts.Sum(p => (long)p.MaxLength);
        if (maxLength > MaxRenderedLength)
        {
            throw new TemplateException(string.Create(CultureInfo.InvariantCulture, $"args template can render {maxLength:N0} bytes; expected at most {MaxRenderedLength:N0} (RabbitMQ's default max message size)"));
        }

        CheckJson(text, shape, parts, (int)maxLength);
        return new ArgsTemplate(text, shape, parts, (int)maxLength);
    }

    /// <summary>
    /// Writes one request's arguments into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes) and
    /// returns how many bytes it wrote. Thread-safe; takes the next {{seq}} once per render, so every {{seq}} in the
    /// template gets the same number. Allocates nothing.
    /// </summary>
    public int Render(Span<byte> destination)
    {
        if (destination.Length < MaxLength)
        {
            throw new ArgumentException($"the buffer holds {destination.Length} bytes; this template needs {MaxLength}", nameof(destination));
        }

        var sequence = _usesSequence ? Interlocked.Increment(ref _nextSequence) - 1 : 0;
        var written = 0;
        foreach (var part in _parts)
        {
            written += part.Write(destination[written..], sequence);
        }

        return written;
    }

    /// <summary>Renders into a pooled buffer; dispose the result once the request has been sent (see <see cref="TemplateArgs"/>).</summary>
    public TemplateArgs Rent() => new(this);

    public override string ToString() => Text;

    /// <summary>Fills the template with each sample variant and parses the result, so a misplaced placeholder fails here, not at the service.</summary>
    private static void CheckJson(string text, TemplateShape shape, TemplatePart[] parts, int maxLength)
    {
        var buffer = new byte[maxLength];
        var starts = new int[parts.Length];
        var variants = parts.Length == 0 ? 1 : parts.Max(p => p.SampleVariants);
        for (var variant = 0; variant < variants; variant++)
        {
            var written = 0;
            for (var i = 0; i < parts.Length; i++)
            {
                starts[i] = written;
                written += parts[i].WriteSample(buffer.AsSpan(written), variant);
            }

            var rendered = buffer.AsSpan(0, written);
            var kind = JsonValidity.RootKind(rendered, out var error, out var offset);
            if (error is not null)
            {
                var near = Array.FindLastIndex(starts, s => s <= offset) is var at and >= 0 && parts[at].Placeholder is { } placeholder ? $" at {placeholder}" : string.Empty;
                throw new TemplateException($"args template {Shorten(text)} is not JSON once filled{near} (sample: {Shorten(Encoding.UTF8.GetString(rendered))}): {error}; {{{{uuid}}}}, {{{{bytes:N}}}} and text choices belong inside quotes, e.g. \"{{{{uuid}}}}\"");
            }

            var wanted = shape == TemplateShape.JsonObject ? JsonTokenType.StartObject : JsonTokenType.StartArray;
            if (kind != wanted)
            {
                throw new TemplateException(shape == TemplateShape.JsonObject
                    ? $"args template {Shorten(text)} is not a JSON object; expected keyword arguments as an object, e.g. {{\"name\": \"vm-{{{{seq}}}}\"}}"
                    : $"args template {Shorten(text)} is not a JSON array; expected positional arguments as an array, e.g. [{{{{rand:1-10}}}}, \"{{{{uuid}}}}\"]");
            }
        }
    }

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length > 80 ? line[..80] + "…" : line;
    }
}
