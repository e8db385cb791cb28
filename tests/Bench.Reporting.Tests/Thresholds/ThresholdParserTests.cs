using Bench.Reporting.Thresholds;

namespace Bench.Reporting.Tests.Thresholds;

/// <summary>Every metric, unit and operator parses to its base unit; every malformed form throws one line naming it.</summary>
public sealed class ThresholdParserTests
{
    [Theory]
    [InlineData("p50<20ms", "p50", 50, 20_000_000)]
    [InlineData("p75<20ms", "p75", 75, 20_000_000)]
    [InlineData("p90<20ms", "p90", 90, 20_000_000)]
    [InlineData("p95<20ms", "p95", 95, 20_000_000)]
    [InlineData("p99<20ms", "p99", 99, 20_000_000)]
    [InlineData("p99.9<20ms", "p99.9", 99.9, 20_000_000)]
    [InlineData("p99.99<20ms", "p99.99", 99.99, 20_000_000)]
    [InlineData("p0<1ns", "p0", 0, 1)]
    [InlineData("p100<1ns", "p100", 100, 1)]
    [InlineData("p42.5<1ns", "p42.5", 42.5, 1)]
    [InlineData("P99<1ns", "p99", 99, 1)]
    public void Percentiles_parse_with_their_rank(string expression, string name, double percentile, double limitNs)
    {
        var t = Threshold.Parse(expression);

        Assert.Equal(ThresholdMetric.Percentile, t.Metric);
        Assert.Equal(name, t.MetricName);
        Assert.Equal(percentile, t.Percentile);
        Assert.Equal(limitNs, t.Limit);
    }

    [Theory]
    [InlineData("p99<250ns", 250)]
    [InlineData("p99<250us", 250_000)]
    [InlineData("p99<250µs", 250_000)] // micro sign U+00B5
    [InlineData("p99<250μs", 250_000)] // Greek mu U+03BC
    [InlineData("p99<4.2ms", 4_200_000)]
    [InlineData("p99<1.5s", 1_500_000_000)]
    [InlineData("p99<0.000001s", 1_000)]
    [InlineData("  p99 <  20 ms ", 20_000_000)]
    [InlineData("mean<3ms", 3_000_000)]
    [InlineData("max<=1s", 1_000_000_000)]
    public void Latency_units_convert_to_nanoseconds(string expression, double limitNs) =>
        Assert.Equal(limitNs, Threshold.Parse(expression).Limit);

    [Theory]
    [InlineData("p99<1ms", ThresholdOperator.Less)]
    [InlineData("p99<=1ms", ThresholdOperator.LessOrEqual)]
    [InlineData("throughput>1", ThresholdOperator.Greater)]
    [InlineData("throughput>=1", ThresholdOperator.GreaterOrEqual)]
    [InlineData("throughput >= 1", ThresholdOperator.GreaterOrEqual)]
    public void Operators_parse(string expression, ThresholdOperator op) => Assert.Equal(op, Threshold.Parse(expression).Operator);

    [Theory]
    [InlineData("errors<0.1%", ThresholdMetric.Errors, 0.001)]
    [InlineData("errors<0.1 %", ThresholdMetric.Errors, 0.001)]
    [InlineData("errors<0.001", ThresholdMetric.Errors, 0.001)]
    [InlineData("errors<=0%", ThresholdMetric.Errors, 0)]
    [InlineData("errors<100%", ThresholdMetric.Errors, 1)]
    [InlineData("errors<1", ThresholdMetric.Errors, 1)]
    [InlineData("throughput>1000", ThresholdMetric.Throughput, 1000)]
    [InlineData("throughput>1000/s", ThresholdMetric.Throughput, 1000)]
    [InlineData("throughput > 1000 /s", ThresholdMetric.Throughput, 1000)]
    [InlineData("throughput>=2500.5", ThresholdMetric.Throughput, 2500.5)]
    public void Errors_take_a_percentage_or_a_fraction_and_throughput_requests_per_second(string expression, ThresholdMetric metric, double limit)
    {
        var t = Threshold.Parse(expression);

        Assert.Equal(metric, t.Metric);
        Assert.Equal(limit, t.Limit);
    }

    [Fact]
    public void Mean_and_max_are_metrics_of_their_own()
    {
        Assert.Equal(ThresholdMetric.Mean, Threshold.Parse("mean<1ms").Metric);
        Assert.Equal(ThresholdMetric.Max, Threshold.Parse("max<1ms").Metric);
    }

    [Fact]
    public void The_expression_is_kept_as_written_without_outer_whitespace() =>
        Assert.Equal("p99 < 20ms", Threshold.Parse("  p99 < 20ms ").Expression);

    [Theory]
    [InlineData("p99", "expected METRIC<VALUE")]
    [InlineData("p99=20ms", "expected METRIC<VALUE")]
    [InlineData("", "expected METRIC<VALUE")]
    [InlineData("<20ms", "no metric before the operator")]
    [InlineData("p999<20ms", "p999 is not a percentile; expected pN with N from 0 to 100")]
    [InlineData("p<20ms", "unknown metric \"p\"")]
    [InlineData("pxx<20ms", "unknown metric \"pxx\"")]
    [InlineData("p-1<20ms", "unknown metric \"p-1\"")]
    [InlineData("latency<20ms", "unknown metric \"latency\"")]
    [InlineData("p99<20", "p99 needs a unit; expected ns, us, µs, ms or s, e.g. p99<20ms")]
    [InlineData("mean<20", "mean needs a unit")]
    [InlineData("max<20", "max needs a unit")]
    [InlineData("p99<20m", "unknown latency unit \"m\"")]
    [InlineData("p99<20%", "unknown latency unit \"%\"")]
    [InlineData("p99<ms", "expected a latency after the operator")]
    [InlineData("p99<", "expected a latency after the operator")]
    [InlineData("p99<-5ms", "expected a latency after the operator")]
    [InlineData("p99<1.2.3ms", "expected a latency after the operator")]
    [InlineData("p99<<20ms", "expected a latency after the operator")]
    [InlineData("errors<2", "expected errors as a percentage")]
    [InlineData("errors<101%", "expected errors as a percentage")]
    [InlineData("errors<1ms", "expected errors as a percentage")]
    [InlineData("errors<", "expected errors as a percentage")]
    [InlineData("throughput>1000rps", "expected throughput as requests per second")]
    [InlineData("throughput>fast", "expected throughput as requests per second")]
    [InlineData("throughput>1e3", "expected throughput as requests per second")]
    public void A_malformed_expression_throws_one_line_naming_it(string expression, string expected)
    {
        var e = Assert.Throws<ThresholdFormatException>(() => Threshold.Parse(expression));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"threshold \"{expression.Trim()}\": ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ParseAll_stops_at_the_first_malformed_expression()
    {
        Assert.Equal(3, ThresholdCheck.ParseAll(["p99<20ms", "errors<0.1%", "throughput>1000"]).Count);
        Assert.Contains("\"p99<20\"", Assert.Throws<ThresholdFormatException>(() => ThresholdCheck.ParseAll(["errors<1%", "p99<20"])).Message, StringComparison.Ordinal);
    }
}
