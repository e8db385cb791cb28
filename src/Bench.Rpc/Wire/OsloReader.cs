using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Bench.Rpc.Wire;

/// <summary>
/// Reads oslo.messaging bodies: unwraps the 2.0 envelope (or takes an un-enveloped 1.0 body as it is), then finds
/// the members Bench needs without materializing anything. Malformed input never throws out of here: it is reported
/// in an error string, because a worker must answer bad input, not die of it.
/// </summary>
internal static class OsloReader
{
    /// <summary>Extra member Bench's client adds to casts: the Stopwatch timestamp at send, for one-way latency.</summary>
    public static ReadOnlySpan<byte> SentTimestampKey => "_bench_sent"u8;

    /// <summary>
    /// Returns the inner message: a slice of <paramref name="body"/> when it needs no unescaping, else unescaped into
    /// <paramref name="scratch"/> (rented here when null; the caller returns it to the pool).
    /// </summary>
    public static bool TryUnwrap(ReadOnlySpan<byte> body, ref byte[]? scratch, out ReadOnlySpan<byte> inner, out string? error)
    {
        inner = default;
        error = null;
        if (TryUnwrapCanonical(body, ref scratch, out inner))
        {
            return true;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            if (!JsonMembers.Open(ref reader))
            {
                error = "body is not a JSON object";
                return false;
            }

            var sawVersion = false;
            var sawMessage = false;
            while (JsonMembers.Next(ref reader))
            {
                if (JsonMembers.Named(ref reader, "oslo.version"u8))
                {
                    sawVersion = true;
                    if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("2.0"u8))
                    {
                        error = "unsupported oslo.version (only 2.0 is understood)";
                        return false;
                    }
                }
                else if (JsonMembers.Named(ref reader, "oslo.message"u8))
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        error = "oslo.message is not a string";
                        return false;
                    }

                    sawMessage = true;
                    if (!reader.ValueIsEscaped)
                    {
                        inner = reader.ValueSpan;
                    }
                    else
                    {
                        if (scratch is null || scratch.Length < reader.ValueSpan.Length)
                        {
                            if (scratch is not null)
                            {
                                ArrayPool<byte>.Shared.Return(scratch);
                            }

                            scratch = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
                        }

                        var length = JsonUnescape.Unescape(reader.ValueSpan, scratch);
                        inner = scratch.AsSpan(0, length);
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            if (sawVersion && !sawMessage)
            {
                error = "envelope has oslo.version but no oslo.message";
                return false;
            }

            if (!sawMessage)
            {
                inner = body; // 1.0 style: the message itself is the body; oslo 14 accepts it too.
            }

            return true;
        }
        catch (JsonException e)
        {
            error = "malformed JSON: " + e.Message;
            return false;
        }
    }

    private static ReadOnlySpan<byte> CanonicalStart => "{\"oslo.version\": \"2.0\", \"oslo.message\": \""u8;

    /// <summary>
    /// The envelope exactly as oslo.messaging and Bench write it, unwrapped without a JSON reader: Utf8JsonReader
    /// validates an escaped string byte by byte (55 µs for 64 KiB), and every message is one. The string's body is
    /// checked to be one JSON string (no unescaped quote, no raw control character); the inner message is then fully
    /// validated by the reader that parses it. Anything else takes the general path.
    /// </summary>
    private static bool TryUnwrapCanonical(ReadOnlySpan<byte> body, ref byte[]? scratch, out ReadOnlySpan<byte> inner)
    {
        inner = default;
        if (!body.StartsWith(CanonicalStart) || !body.EndsWith("\"}"u8))
        {
            return false;
        }

        var escaped = body[CanonicalStart.Length..^2];
        if (escaped.IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0)
        {
            return false;
        }

        for (var at = escaped.IndexOf((byte)'"'); at >= 0;)
        {
            var backslashes = 0;
            while (at - backslashes - 1 >= 0 && escaped[at - backslashes - 1] == '\\')
            {
                backslashes++;
            }

            if (backslashes % 2 == 0)
            {
                return false; // an unescaped quote: the string ends early, this is not the canonical shape
            }

            var next = escaped[(at + 1)..].IndexOf((byte)'"');
            at = next < 0 ? -1 : at + 1 + next;
        }

        if (escaped.Length > 0 && escaped[^1] == '\\' && (escaped.Length - escaped.TrimEnd((byte)'\\').Length) % 2 == 1)
        {
            return false; // a trailing lone backslash would escape the closing quote
        }

        if (scratch is null || scratch.Length < escaped.Length)
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }

            scratch = ArrayPool<byte>.Shared.Rent(escaped.Length);
        }

        inner = scratch.AsSpan(0, JsonUnescape.Unescape(escaped, scratch));
        return true;
    }

    public static void ParseRequest(ReadOnlySpan<byte> inner, out IncomingRequest request)
    {
        request = default;
        var reader = new Utf8JsonReader(inner);
        try
        {
            if (!JsonMembers.Open(ref reader))
            {
                request.Error = "message is not a JSON object";
                return;
            }

            var sawMethod = false;
            var sawArgs = false;
            while (JsonMembers.Next(ref reader))
            {
                if (JsonMembers.Named(ref reader, "method"u8))
                {
                    sawMethod = true;
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        request.Error ??= "method is not a string";
                    }
                    else if (reader.ValueIsEscaped)
                    {
                        request.EscapedMethod = reader.GetString();
                    }
                    else
                    {
                        request.Method = reader.ValueSpan;
                    }
                }
                else if (JsonMembers.Named(ref reader, "args"u8))
                {
                    sawArgs = true;
                    var start = (int)reader.TokenStartIndex;
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        continue;
                    }

                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        request.Error ??= "args is not a JSON object (oslo passes keyword arguments only)";
                    }

                    reader.Skip();
                    request.Args = inner[start..(int)reader.BytesConsumed];
                }
                else if (reader.ValueTextEquals("_msg_id"u8))
                {
                    request.MessageId = ReadPlainString(ref reader, inner);
                }
                else if (reader.ValueTextEquals("_reply_q"u8))
                {
                    request.ReplyQueue = ReadPlainString(ref reader, inner);
                }
                else if (reader.ValueTextEquals("_unique_id"u8))
                {
                    request.UniqueId = ReadPlainString(ref reader, inner);
                }
                else if (JsonMembers.Named(ref reader, "_timeout"u8))
                {
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var seconds))
                    {
                        request.CallMonitorTimeout = seconds;
                    }
                }
                else if (JsonMembers.Named(ref reader, "namespace"u8))
                {
                    request.Namespace = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (JsonMembers.Named(ref reader, "version"u8))
                {
                    request.Version = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (JsonMembers.Named(ref reader, SentTimestampKey))
                {
                    if (reader.TokenType == JsonTokenType.Number)
                    {
                        reader.TryGetInt64(out request.SentTimestamp);
                    }
                }
                else
                {
                    if (reader.ValueSpan.StartsWith("_context_"u8))
                    {
                        request.HasContext = true;
                    }

                    reader.Skip();
                }
            }

            if (!sawMethod)
            {
                request.Error ??= "message has no method";
            }
            else if (!sawArgs)
            {
                request.Error ??= "message has no args";
            }
        }
        catch (JsonException e)
        {
            // What was read before the fault (often _msg_id and _reply_q) still lets the caller get an answer.
            request.Error = "malformed JSON: " + e.Message;
        }
    }

    /// <summary>Parses a reply; with a five-long <paramref name="hops"/> span, a stamped reply's _bench_hops are read into it.</summary>
    public static bool TryParseReply(ReadOnlySpan<byte> inner, out IncomingReply reply, Span<long> hops = default)
    {
        reply = default;
        reply.Ending = true;
        try
        {
            var reader = new Utf8JsonReader(inner);
            if (!JsonMembers.Open(ref reader))
            {
                return false;
            }

            while (JsonMembers.Next(ref reader))
            {
                if (reader.ValueTextEquals("_msg_id"u8))
                {
                    reply.MessageId = ReadPlainString(ref reader, inner);
                }
                else if (JsonMembers.Named(ref reader, "result"u8))
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    reply.Result = inner[start..(int)reader.BytesConsumed];
                }
                else if (JsonMembers.Named(ref reader, "failure"u8))
                {
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        reply.Failure = inner[(int)reader.TokenStartIndex..(int)reader.BytesConsumed];
                    }
                }
                else if (JsonMembers.Named(ref reader, "ending"u8))
                {
                    reply.Ending = reader.TokenType != JsonTokenType.False;
                }
                else if (!hops.IsEmpty && reader.ValueTextEquals(HopStampsWire.HopsKey))
                {
                    reply.HasHops = HopStampsWire.TryRead(ref reader, hops);
                }
                else
                {
                    reader.Skip();
                }
            }

            return !reply.MessageId.IsEmpty;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Builds the context from the _context_* members (only for methods that take one: it allocates).</summary>
    public static RequestContext ReadContext(ReadOnlySpan<byte> inner)
    {
        var members = new List<KeyValuePair<string, string>>();
        var reader = new Utf8JsonReader(inner);
        reader.Read();
        while (JsonMembers.Next(ref reader))
        {
            var name = reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            if (name.StartsWith("_context_", StringComparison.Ordinal))
            {
                members.Add(new(name["_context_".Length..], Encoding.UTF8.GetString(inner[start..(int)reader.BytesConsumed])));
            }
        }

        return new RequestContext(members);
    }

    /// <summary>Decodes the failure member (a JSON string holding JSON: the triple encoding) into a RemoteError.</summary>
    public static RemoteError ReadFailure(ReadOnlySpan<byte> failureToken)
    {
        var reader = new Utf8JsonReader(failureToken);
        reader.Read();
        var json = reader.GetString() ?? "{}";
        return RemoteError.FromOsloFailure(json);
    }

    private static ReadOnlySpan<byte> ReadPlainString(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> source)
    {
        reader.Read();
        // Ids and queue names are hex and ASCII: an escaped or non-string value is treated as absent.
        return reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
            ? source[((int)reader.TokenStartIndex + 1)..((int)reader.BytesConsumed - 1)]
            : default;
    }
}
