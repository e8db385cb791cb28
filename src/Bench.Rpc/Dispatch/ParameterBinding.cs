using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Bench.Rpc.Dispatch;

/// <summary>How one method parameter is filled: from a named JSON argument (by kind), or from the call itself.</summary>
internal sealed class ParameterBinding
{
    public ParameterBinding(ParameterInfo parameter, int index, ref FrameLayout layout)
    {
        Index = index;
        Type = parameter.ParameterType;
        Name = SnakeCase.From(parameter.Name ?? "arg" + index);
        ClrName = parameter.Name ?? Name;
        Utf8Name = Encoding.UTF8.GetBytes(Name);
        Utf8ClrName = Encoding.UTF8.GetBytes(ClrName);
        Required = !parameter.HasDefaultValue;
        Kind = Type == typeof(RequestContext) ? ParameterKind.Context
            : Type == typeof(CancellationToken) ? ParameterKind.Cancellation
            : Type == typeof(CallerTimeout) ? ParameterKind.CallerTimeout
            : Type == typeof(int) ? ParameterKind.Int32
            : Type == typeof(long) ? ParameterKind.Int64
            : Type == typeof(double) ? ParameterKind.Double
            : Type == typeof(bool) ? ParameterKind.Boolean
            : Type == typeof(string) ? ParameterKind.String
            : Type == typeof(RawJson) || Type == typeof(RawJson?) ? ParameterKind.Raw
            : ParameterKind.Json;
        Slot = Kind switch
        {
            ParameterKind.Int32 or ParameterKind.Int64 => layout.Longs++,
            ParameterKind.Double => layout.Doubles++,
            ParameterKind.Boolean => layout.Bools++,
            ParameterKind.String or ParameterKind.Json or ParameterKind.Raw => layout.Refs++,
            _ => -1,
        };
        DefaultValue = parameter.HasDefaultValue ? parameter.DefaultValue : null;
    }

    public int Index { get; }

    public Type Type { get; }

    /// <summary>The wire name (snake_case); the C# name is accepted too.</summary>
    public string Name { get; }

    public string ClrName { get; }

    public byte[] Utf8Name { get; }

    public byte[] Utf8ClrName { get; }

    public bool Required { get; }

    public ParameterKind Kind { get; }

    public int Slot { get; }

    public object? DefaultValue { get; }

    public bool FromArgs => Kind is not (ParameterKind.Context or ParameterKind.Cancellation or ParameterKind.CallerTimeout);

    public void SetDefault(ArgFrame frame)
    {
        switch (Kind)
        {
            case ParameterKind.Int32:
            case ParameterKind.Int64:
                frame.Longs[Slot] = DefaultValue is null ? 0 : Convert.ToInt64(DefaultValue, System.Globalization.CultureInfo.InvariantCulture);
                break;
            case ParameterKind.Double:
                frame.Doubles[Slot] = DefaultValue is null ? 0 : Convert.ToDouble(DefaultValue, System.Globalization.CultureInfo.InvariantCulture);
                break;
            case ParameterKind.Boolean:
                frame.Bools[Slot] = DefaultValue is true;
                break;
            case ParameterKind.String:
            case ParameterKind.Json:
            case ParameterKind.Raw:
                frame.Refs[Slot] = DefaultValue ?? (Type.IsValueType && Nullable.GetUnderlyingType(Type) is null ? Activator.CreateInstance(Type) : null);
                break;
        }
    }

    /// <summary>Reads the current JSON value into the frame; returns an error message (a Python TypeError's) or null.</summary>
    public string? Read(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, ArgFrame frame, string method, JsonSerializerOptions options)
    {
        switch (Kind)
        {
            case ParameterKind.Raw:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                frame.Refs[Slot] = new RawJson(source[start..(int)reader.BytesConsumed].ToArray());
                return null;
            // Each kind's accepted JSON values; anything else falls through to its TypeError below.
            case ParameterKind.Int32 or ParameterKind.Int64 when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var integer) && (Kind == ParameterKind.Int64 || integer == (int)integer):
                frame.Longs[Slot] = integer;
                return null;
            case ParameterKind.Double when reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var d):
                frame.Doubles[Slot] = d;
                return null;
            case ParameterKind.Boolean when reader.TokenType is JsonTokenType.True or JsonTokenType.False:
                frame.Bools[Slot] = reader.TokenType == JsonTokenType.True;
                return null;
            case ParameterKind.String when reader.TokenType is JsonTokenType.String or JsonTokenType.Null:
                frame.Refs[Slot] = reader.GetString();
                return null;
            case ParameterKind.Int32 or ParameterKind.Int64:
                return Mismatch(ref reader, method, "int");
            case ParameterKind.Double:
                return Mismatch(ref reader, method, "float");
            case ParameterKind.Boolean:
                return Mismatch(ref reader, method, "bool");
            case ParameterKind.String:
                return Mismatch(ref reader, method, "str");
            default:
                try
                {
                    frame.Refs[Slot] = JsonSerializer.Deserialize(ref reader, Type, options);
                    return null;
                }
                catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
                {
                    return $"{method}() argument '{Name}' cannot be read as {Type.Name}: {e.Message}";
                }
        }
    }

    private string Mismatch(ref Utf8JsonReader reader, string method, string expected)
    {
        var actual = reader.TokenType switch
        {
            JsonTokenType.String => "str",
            JsonTokenType.Number => "number out of range or not integral",
            JsonTokenType.True or JsonTokenType.False => "bool",
            JsonTokenType.Null => "NoneType",
            JsonTokenType.StartObject => "dict",
            JsonTokenType.StartArray => "list",
            _ => reader.TokenType.ToString(),
        };
        reader.Skip();
        return $"{method}() argument '{Name}' must be {expected}, not {actual}";
    }
}
