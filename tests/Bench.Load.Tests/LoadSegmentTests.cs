namespace Bench.Load.Tests;

/// <summary>
/// Agents' slices of a load: the open model's N schedules, interleaved, are exactly the single schedule (uniform,
/// Poisson, a ramp, a counted run); the closed model's outstanding and request counts add up exactly.
/// </summary>
public sealed class LoadSegmentTests
{
    public static TheoryData<string> OpenLoads => ["uniform", "poisson", "ramp", "counted"];

    [Theory]
    [MemberData(nameof(OpenLoads))]
    public void Three_open_slices_interleaved_are_the_single_schedule(string kind)
    {
        var load = kind switch
        {
            "uniform" => LoadSimulation.Inject(1000, during: TimeSpan.FromSeconds(3)),
            "poisson" => LoadSimulation.Inject(1000, during: TimeSpan.FromSeconds(3), arrivals: Bench.Load.Arrivals.Poisson, seed: 7),
            "ramp" => LoadSimulation.Ramp(200, 2000, TimeSpan.FromSeconds(3)),
            _ => LoadSimulation.Inject(1000, requests: 1000),
        };

        var single = Times(load);
        var slices = Enumerable.Range(0, 3).Select(i => Times(load.Slice(new LoadSegment(i, 3)))).ToList();

        // Every arrival is in exactly one slice, at exactly its time (the same arithmetic, so bit-equal), and slice i
        // holds arrivals i, i + 3, i + 6, …: interleaved, not three bursts.
        Assert.Equal(single, slices.SelectMany(s => s).Order().ToList());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(single.Where((_, k) => k % 3 == i), slices[i]);
        }

        if (load.Requests is { } requests)
        {
            Assert.Equal(requests, slices.Sum(s => s.Count));
            Assert.Equal([334L, 333L, 333L], Enumerable.Range(0, 3).Select(i => load.Slice(new LoadSegment(i, 3)).SegmentRequests!.Value));
        }
    }

    [Fact]
    public void Closed_slices_divide_outstanding_and_requests_exactly()
    {
        var load = LoadSimulation.KeepConstant(64, requests: 100_000);
        var slices = Enumerable.Range(0, 3).Select(i => (LoadSimulation.Closed)load.Slice(new LoadSegment(i, 3))).ToList();

        Assert.Equal([22, 21, 21], slices.Select(s => s.Outstanding));
        Assert.Equal([33_334L, 33_333L, 33_333L], slices.Select(s => s.Requests!.Value));
        Assert.Contains("agent slice 2 of 3", slices[1].Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_load_too_small_to_split_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => LoadSimulation.KeepConstant(2, requests: 100).Slice(new LoadSegment(2, 3)));
        Assert.Contains("cannot be split over 3 agents", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoadSegment(3, 3));
    }

    [Fact]
    public async Task Three_counted_closed_slices_issue_the_whole_count()
    {
        var load = LoadSimulation.KeepConstant(8, requests: 1000);
        long issued = 0;
        for (var i = 0; i < 3; i++)
        {
            var result = await ScenarioRunner.RunAsync(Scenario.Create("test.slice", _ => new ValueTask<StepResult>(StepResult.Ok)).WithLoad(load.Slice(new LoadSegment(i, 3))));
            issued += result.Issued;
        }

        Assert.Equal(1000, issued);
    }

    private static List<double> Times(LoadSimulation load)
    {
        var schedule = new ArrivalSchedule((LoadSimulation.Open)load);
        var times = new List<double>();
        while (schedule.Next() is { } t)
        {
            times.Add(t);
        }

        return times;
    }
}
