using Bench.Harness.Options;

namespace Bench.Scenarios.Cli;

/// <summary>
/// A strict parser for `--name value` and `--flag` arguments: every flag a command reads must be declared by it,
/// so a typo is an error (exit 2), never silently ignored.
/// </summary>
internal sealed class CliArgs
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _repeated = new(StringComparer.Ordinal);

    // An option last on the line with nothing after it: a valued option missing its value, or a typo. Which one is
    // known only when the command reads it (needs a value) or never does (unknown option), so the error waits.
    private string? _lastWithoutValue;

    public CliArgs(IEnumerable<string> args, IReadOnlySet<string> flags)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"unexpected argument '{arg}'");
            }

            var name = arg[2..];
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (!flags.Contains(name))
            {
                if (!e.MoveNext())
                {
                    _lastWithoutValue = name;
                    _values[name] = null;
                    break;
                }

                value = e.Current;
            }

            _values[name] = value;
            if (value is not null)
            {
                if (!_repeated.TryGetValue(name, out var all))
                {
                    _repeated[name] = all = [];
                }

                all.Add(value);
            }
        }
    }

    /// <summary>The arguments before the first option: a command's paths, revisions or verb.</summary>
    public static List<string> Positional(IReadOnlyList<string> arguments) =>
        [.. arguments.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal))];

    /// <summary>A command's positional arguments, then its valued options (it takes no bare flags), read strictly.</summary>
    public static (List<string> Positional, CliArgs Options) Split(IReadOnlyList<string> arguments)
    {
        var positional = Positional(arguments);
        return (positional, new CliArgs(arguments.Skip(positional.Count), new HashSet<string>()));
    }

    /// <summary>Every value a repeatable option was given, in order (--fault A --fault B).</summary>
    public IReadOnlyList<string> All(string name)
    {
        _read.Add(name);
        return _repeated.TryGetValue(name, out var all) ? all : [];
    }

    public bool Has(string name)
    {
        _read.Add(name);
        return _values.ContainsKey(name);
    }

    public string? String(string name)
    {
        _read.Add(name);
        if (name == _lastWithoutValue)
        {
            throw new UsageException($"--{name} needs a value");
        }

        return _values.TryGetValue(name, out var v) ? v : null;
    }

    public string Required(string name) => String(name) ?? throw new UsageException($"--{name} is required");

    /// <summary>An integer option, parsed as every option is (<see cref="OptionParsers"/>).</summary>
    public long? Int64(string name, long min = long.MinValue, long max = long.MaxValue) =>
        String(name) is { } text ? OptionParsers.Long(text, name, min, max) : null;

    /// <summary>A number option, parsed as every option is (<see cref="OptionParsers"/>).</summary>
    public double? Double(string name, double min = double.MinValue, double max = double.MaxValue) =>
        String(name) is { } text ? OptionParsers.Double(text, name, min, max) : null;

    /// <summary>Fails on any flag the command did not read: the one-line answer to a typo.</summary>
    public void EnsureAllUsed()
    {
        foreach (var name in _values.Keys)
        {
            if (!_read.Contains(name))
            {
                throw new UsageException($"unknown option --{name}");
            }
        }
    }
}
