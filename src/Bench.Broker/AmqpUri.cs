namespace Bench.Broker;

/// <summary>
/// An amqp:// or amqps:// address. <see cref="ToString"/> masks the password, so the value can be printed,
/// logged and stored in results without leaking credentials; <see cref="Uri"/> is for connecting only.
/// </summary>
public sealed class AmqpUri
{
    private const string Mask = "***";

    private AmqpUri(Uri uri) => Uri = uri;

    /// <summary>The full address, password included. Never print or store it.</summary>
    public Uri Uri { get; }

    public string Scheme => Uri.Scheme;

    public string Host => Uri.Host;

    /// <summary>True for amqps:// (TLS), the transport a result should record next to the figures.</summary>
    public bool IsTls => Scheme == "amqps";

    public int Port => Uri.IsDefaultPort || Uri.Port < 0 ? (IsTls ? 5671 : 5672) : Uri.Port;

    /// <summary>Parses an address; throws <see cref="FormatException"/> with a one-line reason that never contains the password.</summary>
    public static AmqpUri Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
        {
            throw new FormatException($"not an AMQP URI: '{MaskText(text)}' (expected amqp://user:password@host:port/vhost)");
        }

        if (uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new FormatException($"unsupported scheme '{uri.Scheme}' in '{MaskText(text)}': use amqp:// or amqps://");
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"no host in AMQP URI '{MaskText(text)}'");
        }

        return new AmqpUri(uri);
    }

    public static bool TryParse(string? text, out AmqpUri? uri, out string? error)
    {
        uri = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty AMQP URI";
            return false;
        }

        try
        {
            uri = Parse(text);
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>The address with its password replaced by ***.</summary>
    public override string ToString() => MaskText(Uri.OriginalString);

    /// <summary>Masks the password of every scheme://user:password@ address inside arbitrary text (log lines, error messages).</summary>
    public static string MaskText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = text;
        var start = 0;
        while (true)
        {
            var separator = result.IndexOf("://", start, StringComparison.Ordinal);
            if (separator < 0)
            {
                return result;
            }

            var authStart = separator + 3;
            var authEnd = authStart;
            while (authEnd < result.Length && result[authEnd] is not ('/' or ' ' or '\'' or '"' or '\n' or '?' or '#'))
            {
                authEnd++;
            }

            var at = authEnd > authStart ? result.LastIndexOf('@', authEnd - 1, authEnd - authStart) : -1;
            if (at > authStart)
            {
                var colon = result.IndexOf(':', authStart, at - authStart);
                if (colon >= 0 && at - colon - 1 > 0 && result.AsSpan(colon + 1, at - colon - 1) is not Mask)
                {
                    result = string.Concat(result.AsSpan(0, colon + 1), Mask, result.AsSpan(at));
                    authEnd = colon + 1 + Mask.Length + (authEnd - at);
                }
            }

            start = authEnd;
        }
    }
}
