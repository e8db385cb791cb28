using Bench.Reporting.Comparison;

namespace Bench.Reporting.Tests;

/// <summary>
/// One run a side, on synthetic runs with a known, lognormal run-to-run noise (fixed seed): identical pairs never fail
/// untested, and fail at most 5% of the time against a calibration; a 1 ms slower service at 4 outstanding is caught
/// with 3 repetitions a side, and by one run a side against a calibration.
/// </summary>
public sealed class SingleRunComparisonTests
{
    private const int Pairs = 400;
    private const double Noise = 0.15; // σ of ln(figure): these VMs differ 5-30% run to run

    [Fact]
    public void Identical_single_run_pairs_never_fail_without_a_calibration_and_say_how_many_repetitions_would_test_them()
    {
        var random = new Random(2101);
        var failed = 0;
        var untested = 0;
        for (var i = 0; i < Pairs; i++)
        {
            var result = ResultComparer.Compare("a", [Run(random, 400, 1)], "b", [Run(random, 400, 1)]);
            failed += result.HasRegression || result.HasInvalid ? 1 : 0;
            var row = Assert.Single(result.Rows);
            untested += row.Untested ? 1 : 0;
            Assert.Contains("repetitions a side", row.Reason, StringComparison.Ordinal);
        }

        Assert.Equal(0, failed);
        Assert.Equal(Pairs, untested);
    }

    [Fact]
    public void Identical_single_run_pairs_fail_at_most_5_percent_of_the_time_against_a_calibration()
    {
        var random = new Random(2102);
        var noise = NoiseProfile.From("calibration", [Run(random, 400, 5)], DateTimeOffset.UnixEpoch);
        var options = new ComparisonOptions { Noise = noise };
        var failed = 0;
        for (var i = 0; i < Pairs; i++)
        {
            var result = ResultComparer.Compare("a", [Run(random, 400, 1)], "b", [Run(random, 400, 1)], options);
            failed += result.HasRegression ? 1 : 0;
            Assert.False(Assert.Single(result.Rows).Untested);
        }

        Assert.True(failed <= Pairs * 0.05, $"{failed} of {Pairs} identical pairs failed");
    }

    [Fact]
    public void A_one_millisecond_slower_service_at_4_outstanding_is_caught_with_three_repetitions_a_side()
    {
        // sleep 0 at 4 outstanding: p50 ~400 µs; sleep 1: ~1,400 µs and ~2.9 times fewer calls/s.
        var random = new Random(2103);
        var caught = 0;
        for (var i = 0; i < 100; i++)
        {
            var result = ResultComparer.Compare("a", [Run(random, 400, 3)], "b", [Run(random, 1400, 3)]);
            caught += result.HasRegression ? 1 : 0;
        }

        Assert.True(caught >= 95, $"caught {caught} of 100");
    }

    [Fact]
    public void A_one_millisecond_slower_service_is_caught_in_one_run_a_side_against_a_calibration()
    {
        var random = new Random(2104);
        var options = new ComparisonOptions { Noise = NoiseProfile.From("calibration", [Run(random, 400, 5)], DateTimeOffset.UnixEpoch) };

        var result = ResultComparer.Compare("a", [Run(random, 400, 1)], "b", [Run(random, 1400, 1)], options);

        Assert.True(result.HasRegression, Assert.Single(result.Rows).Reason);
        Assert.Contains("against calibrated noise", result.Rows[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_noise_file_is_written_and_read_back_and_a_foreign_file_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), "bench-noise-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        try
        {
            var noise = NoiseProfile.From("r1", [Run(new Random(1), 400, 4)], DateTimeOffset.UnixEpoch);
            File.WriteAllText(path, noise.ToJson());
            var read = NoiseProfile.Read(path);
            Assert.Equal(noise.Measurements.Single(), read.Measurements.Single());

            File.WriteAllText(path, "{\"hello\": 1}");
            Assert.Contains("not a noise file from `bench calibrate`", Assert.Throws<ResultFormatException>(() => NoiseProfile.Read(path)).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A closed-model measurement at 4 outstanding: each repetition's figures moved by one lognormal run factor.</summary>
    private static Measurement Run(Random random, double p50Us, int repetitions) =>
        new("call.sleep", "model=closed;outstanding=4", "call.sleep outstanding=4", [.. Enumerable.Range(0, repetitions).Select(_ =>
        {
            var f = Math.Exp(Noise * Normal(random));
            var tail = Math.Exp(Noise * Normal(random));
            return new RepetitionFigures(4 / (p50Us * 1e-6) / f, p50Us * f, p50Us * 3 * f * tail, p50Us * 6 * f * tail, 20_000, 20_000, 0, Incomplete: false, Accounted: true);
        })]);

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
