using System.Text;
using Bench.Harness.Options;

namespace Bench.Scenarios.Cli;

/// <summary>`bench run --help` and `bench worker --help`: every option of the command from the one table, with its default.</summary>
internal static class OptionHelp
{
    public static string Render(string usage, OptionScope scope)
    {
        var options = CommandOptions.All.Where(o => (o.Scope & scope) != 0)
            .Concat(OptionTable.Settings.Where(o => (o.Scope & scope) != 0)).ToList();
        var rows = options.Select(o => (Left: "--" + o.Name + (o.IsFlag ? string.Empty : " " + o.Values), o)).ToList();
        var width = rows.Max(r => r.Left.Length) + 2;
        var text = new StringBuilder().AppendLine(usage).AppendLine();
        var settingsHeader = false;
        foreach (var (left, option) in rows)
        {
            if (option is SettingOption && !settingsHeader)
            {
                settingsHeader = true;
                text.AppendLine().AppendLine(scope == OptionScope.Run
                    ? "Scenario settings (recorded with each result; a comma-separated list is a sweep; a file's settings take the same names):"
                    : "Settings (the same names and values as bench run's):");
            }

            text.Append("  ").Append(left.PadRight(width)).Append(option.Description);
            if (option.Default is { Length: > 0 } d && !option.IsFlag)
            {
                text.Append(" (default ").Append(d).Append(')');
            }

            if (option.Repeatable)
            {
                text.Append(" (repeatable)");
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
