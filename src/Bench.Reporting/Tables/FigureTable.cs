namespace Bench.Reporting.Tables;

/// <summary>
/// One of the markdown tables the figures driver (scripts/figures.sh) prints from the results a measurement wrote:
/// `bench report --table NAME PATH…`. Each reads its inputs through <see cref="ResultStore"/>, never by hand. The base
/// holds what every table shares: its name and inputs, the markdown it writes into, and reading its runs by folder
/// name (<see cref="NamedRun"/>); a table writes only its own headings and rows.
/// </summary>
public abstract class FigureTable(string name, string inputs)
{
    /// <summary>The name `--table` takes.</summary>
    public string Name { get; } = name;

    /// <summary>What the paths are, for the usage line and errors.</summary>
    public string Inputs { get; } = inputs;

    /// <summary>The table (with any heading lines it carries), ending in a newline.</summary>
    public string Render(IReadOnlyList<string> paths)
    {
        var text = new MarkdownText();
        Write(text, paths);
        return text.ToString();
    }

    /// <summary>Writes the table (with any heading lines it carries), each line ending in a newline.</summary>
    protected abstract void Write(MarkdownText text, IReadOnlyList<string> paths);

    /// <summary>A column whose figures align right (markdown's "---:").</summary>
    protected static MarkdownText.Column Right(string title) => new(title, AlignRight: true);

    /// <summary>The runs the paths name, in order; any number but none, or <paramref name="exactly"/> that many.</summary>
    protected List<NamedRun> Runs(IReadOnlyList<string> paths, int? exactly = null) => NamedRun.ReadAll(paths, Name, exactly);

    /// <summary>The one run a table of a single measurement reads.</summary>
    protected RunResult OneRun(IReadOnlyList<string> paths) => Runs(paths, exactly: 1)[0].Run;
}
