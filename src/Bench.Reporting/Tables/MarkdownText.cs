using System.Text;

namespace Bench.Reporting.Tables;

/// <summary>
/// The text a figure table writes: markdown tables (a header row, its alignment row, then a row of cells each) and
/// the lines around them.
/// </summary>
public sealed class MarkdownText
{
    private readonly StringBuilder _text = new();

    /// <summary>The header and alignment rows: "| a | b |" over "|---|---:|".</summary>
    public void Header(params IEnumerable<Column> columns)
    {
        var list = columns.ToList();
        Row(list.Select(c => c.Title));
        _text.Append(string.Concat(list.Select(c => c.AlignRight ? "|---:" : "|---"))).Append("|\n");
    }

    /// <summary>"| a | b |": an empty cell stays as it is ("|  |").</summary>
    public void Row(params IEnumerable<string> cells) => _text.Append("| ").AppendJoin(" | ", cells).Append(" |\n");

    /// <summary>Text as it is: a heading, a blank line, a row no column fits.</summary>
    public void Append(string text) => _text.Append(text);

    public override string ToString() => _text.ToString();

    /// <summary>A column's title and alignment; a bare title is a left-aligned column.</summary>
    public readonly record struct Column(string Title, bool AlignRight = false)
    {
        public static implicit operator Column(string title) => new(title);
    }
}
