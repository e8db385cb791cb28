namespace Bench.Load.Tests;

/// <summary>
/// The warm-up goes on while the JIT compiles (<see cref="WarmUp"/>), told by a scripted count of compiled methods in
/// place of the process's own, so that the verdicts do not depend on what this test process happens to compile.
/// </summary>
public sealed class WarmUpTests
{
    [Fact]
    public async Task The_warm_up_goes_on_while_the_JIT_compiles_and_ends_once_it_has_settled()
    {
        // 1,000 methods between readings three times (1,000 a second or more), then 10: settled at the fifth reading.
        var counts = new Queue<long>([0, 1000, 2000, 3000, 3010, 3020]);
        var reads = 0;
        var result = await RunAsync(TimeSpan.FromMilliseconds(500), () => { reads++; return counts.Dequeue(); });

        Assert.Equal(5, reads);
        Assert.True(result.WarmUpSettled);
        Assert.True(result.WarmUpSeconds >= 3.5, $"warm-up {result.WarmUpSeconds} s: the 0.5 s asked and three steps of 1 s");
        Assert.Equal(result.Issued, result.Ok); // the warm-up's requests are not in the result
    }

    [Fact]
    public async Task A_JIT_that_never_settles_ends_the_warm_up_at_its_longest_and_says_so()
    {
        var count = 0L;
        var reads = 0;
        var result = await RunAsync(TimeSpan.FromMilliseconds(500), () => { reads++; return count += 1000; });

        Assert.False(result.WarmUpSettled);
        Assert.Equal(2 + (int)WarmUp.MaxExtension.TotalSeconds, reads); // before and after the time asked, then after each step
        Assert.True(result.WarmUpSeconds >= 0.5 + WarmUp.MaxExtension.TotalSeconds);
    }

    [Fact]
    public async Task A_warm_up_of_zero_is_taken_as_asked()
    {
        var reads = 0;
        var result = await RunAsync(TimeSpan.Zero, () => { reads++; return reads * 1000; });

        Assert.Equal(0, reads);
        Assert.Equal(0, result.WarmUpSeconds);
        Assert.True(result.WarmUpSettled);
    }

    [Fact]
    public async Task A_process_that_cannot_say_ends_the_warm_up_at_the_time_asked()
    {
        var reads = 0;
        var result = await RunAsync(TimeSpan.FromMilliseconds(500), () => { reads++; return null; });

        Assert.Equal(2, reads);
        Assert.True(result.WarmUpSettled);
        Assert.InRange(result.WarmUpSeconds, 0.5, WarmUp.Step.TotalSeconds + 0.5 - 0.001);
    }

    private static Task<ScenarioResult> RunAsync(TimeSpan warmUp, Func<long?> compiled)
    {
        var scenario = Scenario.Create("test.warm-up", async _ =>
        {
            await Task.Delay(1);
            return StepResult.Ok;
        }).WithWarmUp(warmUp).WithLoad(LoadSimulation.KeepConstant(2, requests: 20));
        var client = CpuSource.Self() with { JitMethods = _ => ValueTask.FromResult(compiled()) };
        return ScenarioRunner.RunAsync(scenario, new RunOptions { Client = client });
    }
}
