using System.Globalization;

namespace Bench.Reporting.Thresholds;

/// <summary>
/// Reads k6-style expressions: METRIC OP VALUE, e.g. p99&lt;20ms, errors&lt;0.1%, throughput&gt;=1000/s. Whitespace is
/// ignored around each piece. Numbers are read as decimals so 0.1% is exactly the fraction 1/1000 and 4.2ms exactly
/// 4,200,000 ns before the one conversion to double.
/// </summary>
internal static class ThresholdParser
{
    private const string Form = "expected METRIC<VALUE, METRIC<=VALUE, METRIC>VALUE or METRIC>=VALUE, optionally over a window (over 10s), e.g. p99<20ms, errors<0.1% over 10s, throughput>1000";
    private const string Metrics = "p50, p75, p90, p95, p99, p99.9, p99.99 (any pN from 0 to 100), mean, max, errors or throughput";
    private const string LatencyUnits = "ns, us, µs, ms or s";

    public static Threshold Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = expression.Trim();
        var over = text.LastIndexOf(" over ", StringComparison.OrdinalIgnoreCase);
        int? window = over < 0 ? null : Window(text, text[(over + 6)..].Trim());
        var condition = over < 0 ? text : text[..over].TrimEnd();
        var at = condition.IndexOfAny(['<', '>']);
        if (at < 0)
        {
            throw Fail(text, Form);
        }

        var orEqual = at + 1 < condition.Length && condition[at + 1] == '=';
        var op = (condition[at], orEqual) switch
        {
            ('<', false) => ThresholdOperator.Less,
            ('<', true) => ThresholdOperator.LessOrEqual,
            ('>', false) => ThresholdOperator.Greater,
            _ => ThresholdOperator.GreaterOrEqual,
        };
        var name = condition[..at].Trim().ToLowerInvariant();
        var value = condition[(at + (orEqual ? 2 : 1))..].Trim();
        var (metric, percentile) = Metric(text, name);
        if (window is not null && metric == ThresholdMetric.Mean)
        {
            throw Fail(text, "mean over a window is not kept per second; window pN, max, errors or throughput");
        }

        var limit = metric switch
        {
            ThresholdMetric.Errors => ErrorRate(text, value),
            ThresholdMetric.Throughput => Rate(text, value),
            _ => LatencyNs(text, name, value),
        };
        return new Threshold(text, name, metric, percentile, op, limit, window);
    }

    /// <summary>"10s" or "1m": a window of whole seconds of the timeline, at least 1 and at most an hour.</summary>
    private static int Window(string text, string value)
    {
        var (number, unit) = Split(value);
        var seconds = unit switch { "s" => 1, "m" => 60, _ => 0 };
        if (seconds == 0 || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount < 1 || amount * seconds > 3600)
        {
            throw Fail(text, "expected a window of whole seconds or minutes after \"over\", from 1s to 60m, e.g. errors<1% over 10s");
        }

        return amount * seconds;
    }

    private static (ThresholdMetric Metric, double Percentile) Metric(string text, string name)
    {
        switch (name)
        {
            case "mean":
                return (ThresholdMetric.Mean, 0);
            case "max":
                return (ThresholdMetric.Max, 0);
            case "errors":
                return (ThresholdMetric.Errors, 0);
            case "throughput":
                return (ThresholdMetric.Throughput, 0);
        }

        if (name.Length > 1 && name[0] == 'p' && TryNumber(name[1..], out var p))
        {
            return p <= 100 ? (ThresholdMetric.Percentile, (double)p) : throw Fail(text, $"{name} is not a percentile; expected pN with N from 0 to 100 (p99.9 is written with a dot)");
        }

        throw Fail(text, name.Length == 0 ? $"no metric before the operator; expected {Metrics}" : $"unknown metric \"{name}\"; expected {Metrics}");
    }

    private static double LatencyNs(string text, string metric, string value)
    {
        var (number, unit) = Split(value);
        if (!TryNumber(number, out var amount))
        {
            throw Fail(text, $"expected a latency after the operator, a number with a unit ({LatencyUnits}), e.g. {metric}<20ms");
        }

        decimal nsPerUnit = unit switch
        {
            "ns" => 1,
            "us" or "µs" or "μs" => 1_000, // µ: the micro sign (U+00B5) or the Greek mu (U+03BC), both typed in the wild
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "" => throw Fail(text, $"{metric} needs a unit; expected {LatencyUnits}, e.g. {metric}<{number}ms"),
            _ => throw Fail(text, $"unknown latency unit \"{unit}\"; expected {LatencyUnits}"),
        };
        return (double)(amount * nsPerUnit);
    }

    private static double ErrorRate(string text, string value)
    {
        const string Expected = "expected errors as a percentage from 0% to 100% (errors<0.1%) or a fraction from 0 to 1 (errors<0.001)";
        var percent = value.EndsWith('%');
        if (!TryNumber(percent ? value[..^1].TrimEnd() : value, out var amount) || amount > (percent ? 100 : 1))
        {
            throw Fail(text, Expected);
        }

        return (double)(percent ? amount / 100 : amount);
    }

    private static double Rate(string text, string value)
    {
        var number = value.EndsWith("/s", StringComparison.Ordinal) ? value[..^2].TrimEnd() : value;
        return TryNumber(number, out var amount)
            ? (double)amount
            : throw Fail(text, "expected throughput as requests per second, a number with an optional /s, e.g. throughput>1000");
    }

    /// <summary>"20ms" → ("20", "ms"): the number is the leading digits and dot, the unit the rest.</summary>
    private static (string Number, string Unit) Split(string value)
    {
        var end = 0;
        while (end < value.Length && (char.IsAsciiDigit(value[end]) || value[end] == '.'))
        {
            end++;
        }

        return (value[..end], value[end..].Trim());
    }

    /// <summary>A plain non-negative decimal: digits with at most one dot; no sign, exponent or thousands separator.</summary>
    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    private static ThresholdFormatException Fail(string text, string detail) => new($"threshold \"{text}\": {detail}");
}
