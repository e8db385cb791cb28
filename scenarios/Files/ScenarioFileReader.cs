using Bench.Harness;
using Bench.Harness.Targets;
using Bench.Scenarios.Targets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bench.Scenarios.Files;

/// <summary>
/// Reads and checks a scenario file (`bench run --file my.yaml`; a .json file is read as JSON). Every problem is a
/// <see cref="HarnessConfigurationException"/> of one line, "file: field: what was expected" (the field as a path such as
/// `phases[2].constant.duration` or `target.topic`, indexes from 0), which the CLI prints and exits 2 with.
/// It works on YamlDotNet's representation model rather than deserializing into types: the nodes keep each
/// scalar's text and quoting, so `version: 5.10` stays "5.10" and a quoted "5" in args stays a JSON string.
/// </summary>
internal static class ScenarioFileReader
{
    private static readonly string[] s_topKeys = ["name", "amqp", "target", "scenario", "phases", "settings", "thresholds"];
    private static readonly string[] s_osloKeys = ["kind", "topic", "server", "exchange", "namespace", "version", "method", "args", "cast"];
    private static readonly string[] s_celeryKeys = ["kind", "task", "queue", "args", "kwargs", "cast"];

    public static ScenarioFile Read(string path)
    {
        var top = new YamlSection(path, string.Empty, Load(path), "a scenario file", s_topKeys);
        var target = top.Node("target") is { } node ? ReadTarget(path, node) : null;
        var scenario = top.Text("scenario", "a scenario id (e.g. scenario: call.add)") is { Length: > 0 } id ? id : null;
        if (target is not null && scenario is not null)
        {
            throw top.Error("scenario", "give target (a service of yours) or scenario (one of Bench's own), not both");
        }

        if (target is null && scenario is null)
        {
            throw top.Error("target", "missing: give target (a service of yours, e.g. target: {kind: oslo, topic: compute, method: ping}) or scenario (one of Bench's own, e.g. scenario: call.add)");
        }

        return new ScenarioFile
        {
            Path = path,
            Name = top.Text("name"),
            // Only its shape is checked: the value may hold a password, and no error message repeats it.
            Amqp = top.Text("amqp", "a broker URI (amqp://user:password@host:5672/vhost)"),
            Target = target,
            Scenario = scenario,
            Phases = LoadPhaseReader.Read(path, top.Node("phases")),
            Settings = SettingsReader.Read(path, top.Node("settings")),
            Thresholds = ReadThresholds(path, top.Node("thresholds")),
        };
    }

    /// <summary>
    /// The one-line error every check gives: "file: field: what", or "file: what" for the file as a whole. Line breaks
    /// (a key or a YAML message may hold one) become spaces: the CLI prints exactly one line.
    /// </summary>
    internal static HarnessConfigurationException Error(string file, string field, string what) =>
        new((field.Length == 0 ? $"{file}: {what}" : $"{file}: {field}: {what}").ReplaceLineEndings(" "));

    private static YamlNode Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Error(path, string.Empty, "no such file");
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            throw Error(path, string.Empty, "is a directory, not a scenario file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Error(path, string.Empty, "cannot be read: " + e.Message);
        }

        var root = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? JsonNodes.Parse(path, text) : ParseYaml(path, text);
        return root is null || YamlScalars.IsNull(root)
            ? throw Error(path, string.Empty, "the file is empty; expected a mapping with target or scenario, phases, settings and thresholds")
            : root;
    }

    private static YamlNode? ParseYaml(string path, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            // YamlDotNet's message starts with the span "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; say the start once.
            var message = e.Message;
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            var reason = (cut >= 0 ? message[(cut + 3)..] : message).Trim();
            reason = reason.StartsWith("Duplicate key ", StringComparison.Ordinal) ? $"the key '{reason["Duplicate key ".Length..]}' appears twice" : reason;
            throw Error(path, $"line {e.Start.Line}, column {e.Start.Column}", "not valid YAML: " + reason);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3's scanner throws this (no position) on some unclosed flow collections, e.g. "{b: c" then "[".
            throw Error(path, "YAML", "not valid YAML: an unclosed { or [ (check the brackets and quotes)");
        }

        return stream.Documents.Count switch
        {
            0 => null,
            1 => stream.Documents[0].RootNode,
            var n => throw Error(path, string.Empty, $"expected one YAML document, found {n} (separated by ---)"),
        };
    }

    private static ExternalTarget ReadTarget(string path, YamlNode node)
    {
        // The kind decides which keys the rest of the target may use, so it is read first.
        var kindNode = node is YamlMappingNode mapping
            ? mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "kind" }).Value
            : throw Error(path, "target", $"expected a mapping (kind: oslo or kind: celery, and its fields), not {YamlScalars.Describe(node)}");
        var kind = kindNode is YamlScalarNode { Value: { } k } && !YamlScalars.IsNull(kindNode) ? k : null;
        return kind switch
        {
            "oslo" => ReadOslo(new YamlSection(path, "target", node, "an oslo target", s_osloKeys)),
            "celery" => ReadCelery(new YamlSection(path, "target", node, "a celery target", s_celeryKeys)),
            null => throw Error(path, "target.kind", "missing; expected oslo (an oslo.messaging service) or celery (a Celery worker)"),
            _ => throw Error(path, "target.kind", $"unknown target kind {YamlScalars.Quote(kind)}; expected oslo or celery"),
        };
    }

    private static ExternalTarget ReadOslo(YamlSection s) => new()
    {
        Kind = "oslo",
        Topic = Required(s, "topic", "an oslo target needs the topic its service consumes (e.g. topic: compute)"),
        Server = s.Text("server"),
        Exchange = s.Text("exchange"),
        Namespace = s.Text("namespace"),
        Version = s.Text("version", "a version like \"5.1\""),
        Method = Required(s, "method", "an oslo target needs the method to call (e.g. method: resize_instance)"),
        Args = Args(s, "args", list: false, "the method's keyword arguments: a mapping (e.g. args: {instance_uuid: \"{{uuid}}\"}) or JSON object text"),
        Cast = s.Bool("cast") ?? false,
    };

    private static ExternalTarget ReadCelery(YamlSection s) => new()
    {
        Kind = "celery",
        Task = Required(s, "task", "a celery target needs the task's registered name (e.g. task: shop.checkout)"),
        Queue = s.Text("queue"),
        Args = Args(s, "args", list: true, "the task's positional arguments: a list (e.g. args: [\"{{seq}}\", 2]) or JSON array text; keyword arguments go in kwargs"),
        Kwargs = Args(s, "kwargs", list: false, "the task's keyword arguments: a mapping (e.g. kwargs: {express: true}) or JSON object text"),
        Cast = s.Bool("cast") ?? false,
    };

    private static string Required(YamlSection s, string key, string what) =>
        s.Text(key) is { Length: > 0 } text ? text : throw s.Error(key, "required: " + what);

    /// <summary>
    /// args or kwargs: a YAML mapping (list: false) or list (list: true) becomes JSON template text; a string is taken
    /// as JSON template text as it is, once it opens as the expected JSON value does ({ or [).
    /// </summary>
    private static string? Args(YamlSection s, string key, bool list, string expected)
    {
        var node = s.Node(key);
        return node switch
        {
            null => null,
            YamlScalarNode { Value: { } text } when text.TrimStart().StartsWith(list ? '[' : '{') => text.Trim(),
            YamlSequenceNode when list => ArgsJson.Write(node, s.File, s.Field(key)),
            YamlMappingNode when !list => ArgsJson.Write(node, s.File, s.Field(key)),
            _ => throw s.Error(key, $"expected {expected}, not {YamlScalars.Describe(node)}"),
        };
    }

    private static List<string> ReadThresholds(string path, YamlNode? node)
    {
        const string Expected = "a threshold like \"p99<20ms\", \"errors<0.1%\" or \"throughput>300\"";
        IList<YamlNode> items = node switch
        {
            null => [],
            YamlSequenceNode list => list.Children,
            YamlScalarNode => [node],
            _ => throw Error(path, "thresholds", $"expected a list of thresholds (e.g. thresholds: [\"p99<20ms\"]), not {YamlScalars.Describe(node)}"),
        };
        var thresholds = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            thresholds.Add(items[i] is YamlScalarNode { Value: { } text } && text.Trim().Length > 0
                ? text.Trim()
                : throw Error(path, node is YamlSequenceNode ? $"thresholds[{i}]" : "thresholds", $"expected {Expected}, not {YamlScalars.Describe(items[i])}"));
        }

        return thresholds;
    }
}
