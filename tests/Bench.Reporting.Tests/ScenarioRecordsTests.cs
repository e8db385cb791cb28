namespace Bench.Reporting.Tests;

/// <summary>What the stored form says of a run beyond its figures.</summary>
public sealed class ScenarioRecordsTests
{
    [Fact]
    public void A_warm_up_that_ended_with_the_JIT_still_compiling_is_noted_and_a_settled_one_is_not()
    {
        var unsettled = Samples.Scenario("call.add", 380_000, 2600, warmUpSettled: false);
        var settled = Samples.Scenario("call.add", 380_000, 2600);

        Assert.Equal(["⚠ still compiling: the JIT had not settled after a 2 s warm-up (the longest it is extended), so the window includes start-up"], unsettled.Notes);
        Assert.Empty(settled.Notes);
    }
}
