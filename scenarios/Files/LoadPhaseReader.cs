using YamlDotNet.RepresentationModel;

namespace Bench.Scenarios.Files;

/// <summary>
/// Reads a scenario file's `phases:` list. Each item is one key naming the phase's kind, whose value holds its
/// fields: `- warmup: 5s`, `- ramp: {from: 50, to: 400, duration: 30s}`, `- constant: {rate: 400, duration: 60s}`,
/// `- outstanding: {count: 8, requests: 10000}`. A warm-up is the warm-up of the measured phase after it, so it
/// must be followed by one.
/// </summary>
internal static class LoadPhaseReader
{
    private const string Kinds = "warmup, ramp, constant or outstanding";
    private static readonly string[] s_warmupKeys = ["duration"];
    private static readonly string[] s_rampKeys = ["from", "to", "duration"];
    private static readonly string[] s_constantKeys = ["rate", "duration", "requests"];
    private static readonly string[] s_outstandingKeys = ["count", "duration", "requests"];

    public static IReadOnlyList<LoadPhase> Read(string file, YamlNode? node)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw ScenarioFileReader.Error(file, "phases", $"expected a list of phases (- warmup: 5s, - constant: {{rate: 400, duration: 60s}}), not {YamlScalars.Describe(node)}");
        }

        var phases = new List<LoadPhase>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var phase = ReadPhase(file, $"phases[{i}]", sequence.Children[i]);
            if (phase.Kind == "warmup" && phases is [.., { Kind: "warmup" }])
            {
                throw ScenarioFileReader.Error(file, $"phases[{i}]", "two warm-ups in a row; a warm-up belongs to the measured phase after it");
            }

            phases.Add(phase);
        }

        if (phases is [.., { Kind: "warmup" }])
        {
            throw ScenarioFileReader.Error(file, $"phases[{phases.Count - 1}]", "a warm-up must be followed by the measured phase it warms up (ramp, constant or outstanding)");
        }

        return phases;
    }

    private static LoadPhase ReadPhase(string file, string path, YamlNode node)
    {
        if (node is not YamlMappingNode { Children.Count: 1 } mapping || mapping.Children.Keys.Single() is not YamlScalarNode { Value: { } kind })
        {
            throw ScenarioFileReader.Error(file, path, $"expected one phase: a single key, {Kinds} (e.g. - constant: {{rate: 400, duration: 60s}}), not {YamlScalars.Describe(node)}");
        }

        var body = mapping.Children.Values.Single();
        var field = path + "." + kind;
        return kind switch
        {
            // The short form `- warmup: 5s` is the common one; `- warmup: {duration: 5s}` reads the same.
            "warmup" when body is YamlScalarNode scalar && !YamlScalars.IsNull(scalar) =>
                new LoadPhase { Kind = kind, DurationSeconds = Duration(file, field, scalar.Value!) },
            "warmup" when YamlScalars.IsNull(body) => throw ScenarioFileReader.Error(file, field, "a warm-up phase needs a duration (e.g. - warmup: 5s)"),
            "warmup" => ReadWarmup(new YamlSection(file, field, body, "a warm-up phase", s_warmupKeys)),
            "ramp" => ReadRamp(new YamlSection(file, field, body, "a ramp phase", s_rampKeys)),
            "constant" => ReadConstant(new YamlSection(file, field, body, "a constant phase", s_constantKeys)),
            "outstanding" => ReadOutstanding(new YamlSection(file, field, body, "an outstanding phase", s_outstandingKeys)),
            _ => throw ScenarioFileReader.Error(file, field, $"unknown phase; expected {Kinds}"),
        };
    }

    private static LoadPhase ReadWarmup(YamlSection s) => new()
    {
        Kind = "warmup",
        DurationSeconds = OptionalDuration(s) ?? throw s.Error("a warm-up phase needs a duration (e.g. - warmup: 5s)"),
    };

    private static LoadPhase ReadRamp(YamlSection s)
    {
        var from = Rate(s, "from", allowZero: true);
        var to = Rate(s, "to", allowZero: true);
        if (from is null || to is null)
        {
            throw s.Error("a ramp phase needs from and to, the rates it starts and ends at (e.g. from: 50, to: 400)");
        }

        if (from == 0 && to == 0)
        {
            throw s.Error("a ramp from 0 to 0 sends nothing; give a rate above zero for from or to");
        }

        return new LoadPhase
        {
            Kind = "ramp",
            Rate = from,
            RampTo = to,
            DurationSeconds = OptionalDuration(s) ?? throw s.Error("a ramp phase needs a duration (e.g. duration: 30s)"),
        };
    }

    private static LoadPhase ReadConstant(YamlSection s)
    {
        var rate = Rate(s, "rate", allowZero: false) ?? throw s.Error("a constant phase needs a rate (e.g. rate: 400)");
        var (duration, requests) = End(s, "a constant phase");
        return new LoadPhase { Kind = "constant", Rate = rate, DurationSeconds = duration, Requests = requests };
    }

    private static LoadPhase ReadOutstanding(YamlSection s)
    {
        int? count = s.Text("count", "a whole number") is { } text
            ? Quantities.TryCount(text, out var n) && n is >= 1 and <= 1_000_000 ? (int)n : throw s.Error("count", $"expected the requests kept in flight, a whole number from 1 to 1000000, not {YamlScalars.Quote(text)}")
            : throw s.Error("an outstanding phase needs a count, the requests kept in flight (e.g. count: 8)");
        var (duration, requests) = End(s, "an outstanding phase");
        return new LoadPhase { Kind = "outstanding", Outstanding = count, DurationSeconds = duration, Requests = requests };
    }

    /// <summary>A measured phase ends after a duration or after a number of requests: exactly one of them.</summary>
    private static (double? Duration, long? Requests) End(YamlSection s, string what)
    {
        var duration = OptionalDuration(s);
        long? requests = s.Text("requests", Quantities.CountHint) is { } text
            ? Quantities.TryCount(text, out var n) && n >= 1 ? n : throw s.Error("requests", $"expected {Quantities.CountHint}, at least 1, not {YamlScalars.Quote(text)}")
            : null;
        return (duration, requests) switch
        {
            (null, null) => throw s.Error($"{what} needs a duration or a number of requests (e.g. duration: 60s or requests: 10000)"),
            ({ }, { }) => throw s.Error($"{what} ends after a duration or after a number of requests: give one, not both"),
            _ => (duration, requests),
        };
    }

    private static double? OptionalDuration(YamlSection s) =>
        s.Text("duration", Quantities.DurationHint) is { } text ? Duration(s.File, s.Field("duration"), text) : null;

    private static double Duration(string file, string field, string text) =>
        Quantities.TryDuration(text, out var seconds) && seconds > 0
            ? seconds
            : throw ScenarioFileReader.Error(file, field, $"expected {Quantities.DurationHint}, above zero, not {YamlScalars.Quote(text)}");

    private static double? Rate(YamlSection s, string key, bool allowZero) =>
        s.Text(key, Quantities.RateHint) is { } text
            ? Quantities.TryRate(text, out var rate) && (rate > 0 || (allowZero && rate == 0)) ? rate : throw s.Error(key, $"expected {Quantities.RateHint}{(allowZero ? string.Empty : ", above zero")}, not {YamlScalars.Quote(text)}")
            : null;
}
