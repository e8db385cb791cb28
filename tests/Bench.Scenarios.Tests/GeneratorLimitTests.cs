using Bench.Reporting;
using Bench.Harness.Runs;
using Bench.Scenarios.Cli;

namespace Bench.Scenarios.Tests;

/// <summary>
/// --max-late: a scenario whose late starts are above it (1% unless set) is flagged generator-limited, and when given fails the
/// run with one line; at or below it, it is neither. Records built by hand: the counts decide, not a machine's speed.
/// </summary>
public sealed class GeneratorLimitTests
{
    [Theory]
    [InlineData(100, 0.01, false)]
    [InlineData(101, 0.01, true)]
    [InlineData(500, 0.05, false)]
    [InlineData(501, 0.05, true)]
    public void Late_starts_above_max_late_flag_the_scenario_and_fail_the_run(long late, double maxLate, bool limited)
    {
        var checks = new RunChecks([], RunVerdict.DefaultMaxErrorRate, RunVerdict.DefaultMaxRecoverySeconds, maxLate);

        var record = checks.Flag(Open(late));
        var verdict = RunVerdict.Evaluate([record], maxLate: maxLate);

        Assert.Equal(limited, record.GeneratorLimited);
        Assert.Equal(limited, verdict is not null);
        if (limited)
        {
            Assert.StartsWith($"cast.count: generator-limited: {late} late starts of 10000 (", verdict, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_default_max_late_is_one_percent() => Assert.Equal(0.01, RunVerdict.DefaultMaxLate);

    [Fact]
    public void Unasked_max_late_flags_but_only_a_given_one_fails_the_run()
    {
        var unasked = RunChecks.Parse(new CliArgs([], RunCommand.Flags), externalBroker: false);
        var given = RunChecks.Parse(new CliArgs(["--max-late", "1%"], RunCommand.Flags), externalBroker: false);

        Assert.Equal((0.01, false), (unasked.MaxLate, unasked.FailWhenLate));
        Assert.Equal((0.01, true), (given.MaxLate, given.FailWhenLate));
        Assert.True(unasked.Flag(Open(500)).GeneratorLimited);
    }

    private static ScenarioRecord Open(long lateStarts) => new()
    {
        Id = "cast.count",
        SettingsKey = "model=open;rate=1000",
        Settings = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["model"] = "open", ["rate"] = "1000" },
        Load = "open, 1000/s, for 10 s",
        Model = "open",
        StartedAt = DateTimeOffset.UnixEpoch,
        Counts = new CountsRecord { Issued = 10_000, Ok = 10_000, LateStarts = lateStarts, Accounted = true },
        LatencyKind = "round-trip",
        Latency = new LatencyPair(LatencyRecord.From(new Load.LatencyHistogram()), LatencyRecord.From(new Load.LatencyHistogram())),
    };
}
