using Bench.Scenarios.Catalog;
using Bench.Testing;

namespace Bench.Scenarios.Tests;

/// <summary>
/// Scenario ids are frozen (results history and compare are keyed on them): the catalog's ids are unique and equal,
/// in order, to scenarios/Catalog/scenario-ids.txt, the append-only list of every id ever registered.
/// </summary>
public sealed class ScenarioCatalogTests
{
    private static readonly string s_idsFile = Path.Combine(RepoRoot.Path, "scenarios", "Catalog", "scenario-ids.txt");

    [Fact]
    public void Ids_are_unique()
    {
        var ids = ScenarioCatalog.All.Select(s => s.Id).ToList();

        Assert.Empty(ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void Every_suite_resolves_its_scenarios_by_class()
    {
        // objects.backport derives from objects.get: a lookup by class that took subclasses too broke every suite.
        foreach (var name in Suites.Names)
        {
            Assert.NotEmpty(Suites.Get(name));
        }

        Assert.Equal("objects.get", ScenarioCatalog.Get<Bench.Scenarios.Objects.ObjectsGet>().Id);
    }

    [Fact]
    public void Ids_equal_the_frozen_list()
    {
        var frozen = File.ReadAllLines(s_idsFile).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        Assert.Equal(frozen.Count, frozen.Distinct().Count());
        Assert.Equal(frozen, ScenarioCatalog.All.Select(s => s.Id));
    }

    [Fact]
    public void Every_scenario_is_found_by_its_id_and_own_ones_run_without_a_target()
    {
        Assert.All(ScenarioCatalog.All, s => Assert.Same(s, ScenarioCatalog.Find(s.Id)));
        Assert.Equal(["oslo.call", "oslo.cast", "celery.task", "celery.task.cast"], ScenarioCatalog.All.Except(ScenarioCatalog.Own).Select(s => s.Id));
    }
}
