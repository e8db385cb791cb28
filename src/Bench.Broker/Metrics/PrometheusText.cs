using System.Globalization;

namespace Bench.Broker.Metrics;

/// <summary>
/// Reads Prometheus' text exposition format (version 0.0.4, what rabbitmq_prometheus serves): one sample per line,
/// `name{label="value",…} number`, comments and blank lines skipped. Only what the broker sampler needs: no timestamps
/// are kept, no type checking. A line that does not parse is skipped, not fatal (a scrape is evidence, not a contract).
/// </summary>
public static class PrometheusText
{
    /// <summary>One sample: the metric's name, its labels (in the order given) and its value.</summary>
    public readonly record struct Sample(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels, double Value)
    {
        public string? Label(string name)
        {
            foreach (var (key, value) in Labels)
            {
                if (key == name)
                {
                    return value;
                }
            }

            return null;
        }
    }

    public static IEnumerable<Sample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        while (reader.ReadLine() is { } line)
        {
            if (TryParseLine(line, out var sample))
            {
                yield return sample;
            }
        }
    }

    public static bool TryParseLine(string line, out Sample sample)
    {
        ArgumentNullException.ThrowIfNull(line);
        sample = default;
        var span = line.AsSpan().Trim();
        if (span.IsEmpty || span[0] == '#')
        {
            return false;
        }

        var nameEnd = span.IndexOfAny('{', ' ');
        if (nameEnd <= 0)
        {
            return false;
        }

        var name = span[..nameEnd].ToString();
        var labels = new List<KeyValuePair<string, string>>();
        var rest = span[nameEnd..];
        if (rest[0] == '{')
        {
            var i = 1;
            while (i < rest.Length && rest[i] != '}')
            {
                var eq = rest[i..].IndexOf('=');
                if (eq < 0 || i + eq + 1 >= rest.Length || rest[i + eq + 1] != '"')
                {
                    return false;
                }

                var key = rest.Slice(i, eq).Trim().ToString();
                i += eq + 2;
                var value = new System.Text.StringBuilder();
                while (i < rest.Length && rest[i] != '"')
                {
                    if (rest[i] == '\\' && i + 1 < rest.Length)
                    {
                        i++;
                        value.Append(rest[i] == 'n' ? '\n' : rest[i]);
                    }
                    else
                    {
                        value.Append(rest[i]);
                    }

                    i++;
                }

                if (i >= rest.Length)
                {
                    return false;
                }

                labels.Add(new(key, value.ToString()));
                i++; // the closing quote
                if (i < rest.Length && rest[i] == ',')
                {
                    i++;
                }
            }

            if (i >= rest.Length)
            {
                return false;
            }

            rest = rest[(i + 1)..];
        }

        rest = rest.Trim();
        var space = rest.IndexOf(' ');
        var number = space < 0 ? rest : rest[..space]; // an optional timestamp follows the value
        if (!TryParseValue(number, out var parsed))
        {
            return false;
        }

        sample = new Sample(name, labels, parsed);
        return true;
    }

    private static bool TryParseValue(ReadOnlySpan<char> text, out double value)
    {
        switch (text)
        {
            case "+Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
