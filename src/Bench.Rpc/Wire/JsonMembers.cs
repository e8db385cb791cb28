using System.Text.Json;

namespace Bench.Rpc.Wire;

/// <summary>
/// The steps every reader of a JSON object here takes with a <see cref="Utf8JsonReader"/>: open the object, move
/// member by member, and at a wanted member step onto its value. Plain calls on the caller's reader: nothing allocated.
/// </summary>
internal static class JsonMembers
{
    /// <summary>Reads the first token: true when it starts an object.</summary>
    public static bool Open(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.StartObject;

    /// <summary>Moves to the next member's name: false at the end of the object.</summary>
    public static bool Next(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    /// <summary>At the member named <paramref name="name"/>: true, with the reader moved onto its value.</summary>
    public static bool Named(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (!reader.ValueTextEquals(name))
        {
            return false;
        }

        reader.Read();
        return true;
    }
}
