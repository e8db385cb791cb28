using Bench.Reporting.Thresholds;

namespace Bench.Reporting.Tests.Thresholds;

/// <summary>A pass and a breach for each metric, against records whose figures are known exactly; and the n/a cases.</summary>
public sealed class ThresholdEvaluationTests
{
    [Theory]
    [InlineData("p50<=500ns", true, "500 ns")]
    [InlineData("p50<500ns", false, "500 ns")]
    [InlineData("p75<751ns", true, "750 ns")]
    [InlineData("p90>=900ns", true, "900 ns")]
    [InlineData("p95>950ns", false, "950 ns")]
    [InlineData("p99<991ns", true, "990 ns")]
    [InlineData("p99<990ns", false, "990 ns")]
    [InlineData("p99<=990ns", true, "990 ns")]
    [InlineData("p99.9<1us", true, "999 ns")]
    [InlineData("p99.99<1us", false, "1 µs")]
    [InlineData("p99.99<=1us", true, "1 µs")]
    [InlineData("p42.5<=425ns", true, "425 ns")]
    [InlineData("mean<=500.5ns", true, "500.5 ns")]
    [InlineData("mean<0.5us", false, "500.5 ns")]
    [InlineData("max<=1000ns", true, "1 µs")]
    [InlineData("max<1us", false, "1 µs")]
    public void Latency_thresholds_compare_the_exact_percentile(string expression, bool passed, string measured)
    {
        var result = Threshold.Parse(expression).Evaluate(ThresholdRecords.OneToThousandNs());

        Assert.Equal(passed, result.Passed);
        Assert.Equal(measured, result.Measured);
        Assert.Equal(expression, result.Expression);
        Assert.Null(result.Note);
    }

    [Theory]
    [InlineData("p99<5ms", true)]
    [InlineData("p99<4.2ms", false)]
    [InlineData("p99<=4.2ms", true)]
    [InlineData("p99<=4200us", true)]
    [InlineData("p99<4199.999us", false)]
    [InlineData("max<1s", true)]
    [InlineData("mean>0.0042s", false)]
    public void Millisecond_latencies_compare_in_any_unit(string expression, bool passed)
    {
        var result = Threshold.Parse(expression).Evaluate(ThresholdRecords.Constant(4_200_000));

        Assert.Equal(passed, result.Passed);
        Assert.Equal("4.2 ms", result.Measured);
    }

    [Theory]
    [InlineData("errors<0.1%", false)]
    [InlineData("errors<=0.1%", true)]
    [InlineData("errors<=0.001", true)]
    [InlineData("errors<0.11%", true)]
    [InlineData("errors<0.0999%", false)]
    public void Errors_are_failed_plus_timed_out_over_issued(string expression, bool passed)
    {
        // 6 failed + 4 timed out of 10,000 issued: exactly 0.1%.
        var result = Threshold.Parse(expression).Evaluate(ThresholdRecords.OneToThousandNs(issued: 10_000, failed: 6, timedOut: 4));

        Assert.Equal(passed, result.Passed);
        Assert.Equal("0.1% (10 of 10,000)", result.Measured);
        Assert.Equal("errors", result.Metric);
    }

    [Fact]
    public void No_errors_pass_a_zero_error_threshold() =>
        Assert.True(Threshold.Parse("errors<=0%").Evaluate(ThresholdRecords.OneToThousandNs()).Passed);

    [Theory]
    [InlineData("throughput>1000", true)]
    [InlineData("throughput>2000/s", false)]
    [InlineData("throughput>=1234.5", true)]
    [InlineData("throughput>1234.5", false)]
    public void Throughput_compares_the_records_rate(string expression, bool passed)
    {
        var result = Threshold.Parse(expression).Evaluate(ThresholdRecords.OneToThousandNs(throughput: 1234.5));

        Assert.Equal(passed, result.Passed);
        Assert.Equal("1,234.5/s", result.Measured);
    }

    [Theory]
    [InlineData("p99<1s")]
    [InlineData("p99>0ns")]
    [InlineData("mean<1s")]
    [InlineData("max<1s")]
    public void A_latency_threshold_with_no_latency_samples_fails_as_not_available(string expression)
    {
        // Every request timed out: no ok request, so no latency.
        var record = ThresholdRecords.Call([], issued: 50, failed: 0, timedOut: 50, throughput: 0);

        var result = Threshold.Parse(expression).Evaluate(record);

        Assert.False(result.Passed);
        Assert.Equal(ThresholdRecord.NotAvailable, result.Measured);
        Assert.Equal("no request completed ok, so there is no latency to measure", result.Note);
        Assert.Equal($"✗ {expression} (measured n/a: no request completed ok, so there is no latency to measure)", result.ToString());
    }

    [Theory]
    [InlineData("errors<100%")]
    [InlineData("throughput>=0")]
    public void Errors_and_throughput_with_nothing_issued_fail_as_not_available(string expression)
    {
        var result = Threshold.Parse(expression).Evaluate(ThresholdRecords.Call([], issued: 0, failed: 0, timedOut: 0, throughput: 0));

        Assert.False(result.Passed);
        Assert.Equal("n/a", result.Measured);
        Assert.Equal("no requests were issued", result.Note);
    }

    [Fact]
    public void A_cast_is_judged_on_its_one_way_latency()
    {
        // Publish latency 1..1000 ns in Latency; 5 µs at the worker in OneWay: the one-way figure is the headline.
        var cast = ThresholdRecords.OneToThousandNs() with { Id = "oslo.cast", OneWay = ThresholdRecords.Latency(Enumerable.Repeat(5_000L, 100)) };

        var result = Threshold.Parse("p99<2us").Evaluate(cast);

        Assert.False(result.Passed);
        Assert.Equal("5 µs", result.Measured);
    }

    [Fact]
    public void A_cast_with_no_arrivals_fails_as_not_available()
    {
        var empty = ThresholdRecords.Latency([]);
        var cast = ThresholdRecords.Call([], issued: 10, failed: 0, timedOut: 0, throughput: 0) with { Id = "oslo.cast", OneWay = empty };

        var result = Threshold.Parse("p99<1s").Evaluate(cast);

        Assert.False(result.Passed);
        Assert.Equal("no cast arrived at a worker, so there is no latency to measure", result.Note);
    }

    [Fact]
    public void Apply_records_every_threshold_and_the_verdict_names_each_breach()
    {
        var thresholds = ThresholdCheck.ParseAll(["p99<991ns", "errors<0.1%", "throughput>2000"]);
        var record = ThresholdCheck.Apply(ThresholdRecords.OneToThousandNs(issued: 10_000, failed: 10), thresholds);

        Assert.Equal([true, false, false], record.Thresholds.Select(t => t.Passed));
        Assert.Equal("✓ p99<991ns (measured 990 ns)", record.Thresholds[0].ToString());
        Assert.Equal("2 of 3 thresholds breached: oslo.call errors<0.1% (measured 0.1% (10 of 10,000)); oslo.call throughput>2000 (measured 1,234.5/s)", ThresholdCheck.Verdict([record]));
    }

    [Fact]
    public void The_verdict_is_null_when_every_threshold_passed_or_there_were_none()
    {
        var passing = ThresholdCheck.Apply(ThresholdRecords.OneToThousandNs(), ThresholdCheck.ParseAll(["p99<1ms", "errors<=0%"]));

        Assert.Null(ThresholdCheck.Verdict([passing]));
        Assert.Null(ThresholdCheck.Verdict([ThresholdRecords.OneToThousandNs()]));
    }
}
