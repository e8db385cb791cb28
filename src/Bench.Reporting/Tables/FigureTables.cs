namespace Bench.Reporting.Tables;

/// <summary>Every figure table `bench report --table` knows, by name.</summary>
public static class FigureTables
{
    public static IReadOnlyList<FigureTable> All { get; } =
    [
        new FaultsTable(),
        new ClusterTable(),
        new AgentsTable(),
        new CeleryWorkersTable(),
        new RpcVsRawTable(),
        new OwnServiceTable(),
    ];

    public static string Names => string.Join(", ", All.Select(t => t.Name));

    public static FigureTable? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
