namespace Bench.Reporting.Tables;

/// <summary>
/// One of the markdown tables the figures driver (scripts/figures.sh) prints from the results a measurement wrote:
/// `bench report --table NAME PATH…`. Each reads its inputs through <see cref="ResultStore"/>, never by hand.
/// </summary>
public interface IFigureTable
{
    /// <summary>The name `--table` takes.</summary>
    string Name { get; }

    /// <summary>What the paths are, for the usage line and errors.</summary>
    string Inputs { get; }

    /// <summary>The table (with any heading lines it carries), ending in a newline.</summary>
    string Render(IReadOnlyList<string> paths);
}
