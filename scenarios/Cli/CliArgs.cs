using System.Globalization;

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
                    throw new UsageException($"--{name} needs a value");
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
        return _values.TryGetValue(name, out var v) ? v : null;
    }

    public string Required(string name) => String(name) ?? throw new UsageException($"--{name} is required");

    public long? Int64(string name, long min = long.MinValue, long max = long.MaxValue)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"--{name} must be an integer from {min} to {max}, not '{text}'");
        }

        return value;
    }

    public double? Double(string name, double min = double.MinValue, double max = double.MaxValue)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"--{name} must be a number from {min} to {max}, not '{text}'");
        }

        return value;
    }

    public T? Enum<T>(string name, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        return choices.TryGetValue(text, out var value)
            ? value
            : throw new UsageException($"--{name} must be one of {string.Join(", ", choices.Keys)}, not '{text}'");
    }

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
