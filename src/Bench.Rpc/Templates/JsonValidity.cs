using System.Text.Json;

namespace Bench.Rpc.Templates;

/// <summary>Checks that bytes are one complete JSON value, and says where they stop being JSON (compile time only).</summary>
internal static class JsonValidity
{
    /// <summary>The root value's first token, or <see cref="JsonTokenType.None"/> with the error and its byte offset.</summary>
    public static JsonTokenType RootKind(ReadOnlySpan<byte> json, out string? error, out long offset)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var root = JsonTokenType.None;
        try
        {
            while (reader.Read())
            {
                if (root == JsonTokenType.None)
                {
                    root = reader.TokenType;
                }
            }

            error = root == JsonTokenType.None ? "it is empty" : null;
            offset = 0;
            return root;
        }
        catch (JsonException e)
        {
            // The reader stops at the offending byte; its position is what names the placeholder behind it.
            offset = reader.BytesConsumed;
            error = FirstSentence(e.Message);
            return JsonTokenType.None;
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
