using Bench.Harness;
using Bench.Harness.Targets;
using Bench.Scenarios.Cli;
using Bench.Scenarios.Files;
using Bench.Scenarios.Targets;
using Bench.Testing;

namespace Bench.Scenarios.Tests;

/// <summary>
/// The scenario-file reader as a pure unit: the shipped examples read into exactly the ScenarioFile they describe,
/// JSON reads as YAML does, and each kind of bad file is one line naming the file and the field.
/// </summary>
public sealed class ScenarioFileReaderTests : IDisposable
{
    private static readonly string s_examples = Path.Combine(RepoRoot.Path, "scenarios", "examples");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bench-files-" + Guid.NewGuid().ToString("N")[..8]);

    public ScenarioFileReaderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Nova_example_reads_into_its_oslo_target_phases_settings_and_thresholds()
    {
        var path = Path.Combine(s_examples, "nova-resize.yaml");
        var file = ScenarioFileReader.Read(path);

        Assert.Equal(path, file.Path);
        Assert.Equal("nova-resize", file.Name);
        Assert.Null(file.Scenario);
        Assert.Null(file.Amqp);
        Assert.Equal(
            new ExternalTarget
            {
                Kind = "oslo",
                Topic = "compute",
                Namespace = "compute",
                Version = "5.1",
                Method = "resize_instance",
                Args = """{"instance_uuid":"{{uuid}}","flavor_id":{{rand:1-5}},"clean_shutdown":true}""",
            },
            file.Target);
        Assert.Equal(
            [
                new LoadPhase { Kind = "warmup", DurationSeconds = 2 },
                new LoadPhase { Kind = "outstanding", Outstanding = 8, DurationSeconds = 5 },
                new LoadPhase { Kind = "constant", Rate = 100, DurationSeconds = 5 },
            ],
            file.Phases);
        AssertSettings(file, ("timeout", ["10"]));
        Assert.Equal(["errors<1%", "p99<2s"], file.Thresholds);
    }

    [Fact]
    public void Celery_example_reads_into_its_task_queue_args_and_phases()
    {
        var file = ScenarioFileReader.Read(Path.Combine(s_examples, "celery-shop.yaml"));

        Assert.Equal("celery-shop", file.Name);
        Assert.Equal(
            new ExternalTarget { Kind = "celery", Task = "shop.checkout", Queue = "shop", Args = """[{{seq}},["book","pen"]]""" },
            file.Target);
        Assert.Equal(
            [
                new LoadPhase { Kind = "warmup", DurationSeconds = 2 },
                new LoadPhase { Kind = "outstanding", Outstanding = 4, Requests = 300 },
                new LoadPhase { Kind = "constant", Rate = 50, DurationSeconds = 5 },
            ],
            file.Phases);
        AssertSettings(file, ("timeout", ["10"]));
        Assert.Equal(["errors<1%", "p99<2s"], file.Thresholds);
    }

    [Fact]
    public void Every_example_reads_and_keeps_its_runs_short()
    {
        var examples = Directory.GetFiles(s_examples, "*.yaml");
        Assert.NotEmpty(examples);
        Assert.All(examples, path =>
        {
            var file = ScenarioFileReader.Read(path);
            Assert.NotNull(file.Target);
            // A test runs the examples: each must stay short. Requests-bounded phases are counted by their caller.
            Assert.InRange(file.Phases.Sum(p => p.DurationSeconds ?? 0), 1, 15);
        });
    }

    [Fact]
    public void Json_file_reads_the_same_as_the_yaml_example()
    {
        var yaml = ScenarioFileReader.Read(Path.Combine(s_examples, "nova-resize.yaml"));
        var json = ScenarioFileReader.Read(Path.Combine(RepoRoot.Path, "tests", "Bench.Scenarios.Tests", "Files", "nova-resize.json"));

        Assert.Equal((yaml.Name, yaml.Target, yaml.Scenario, yaml.Amqp), (json.Name, json.Target, json.Scenario, json.Amqp));
        Assert.Equal(yaml.Phases, json.Phases);
        Assert.Equal(yaml.Settings.Keys, json.Settings.Keys);
        Assert.Equal(yaml.Settings["timeout"], json.Settings["timeout"]);
        Assert.Equal(yaml.Thresholds, json.Thresholds);
    }

    [Fact]
    public void Version_written_as_a_yaml_number_keeps_its_text()
    {
        Assert.Equal("5.1", Read("target: {kind: oslo, topic: t, method: m, version: 5.1}").Target!.Version);
        Assert.Equal("5.10", Read("target: {kind: oslo, topic: t, method: m, version: 5.10}").Target!.Version);
        Assert.Equal("2.0", Read("target: {kind: oslo, topic: t, method: m, version: '2.0'}").Target!.Version);
    }

    [Fact]
    public void Args_keep_yaml_types_and_leave_only_numeric_placeholders_bare()
    {
        var file = Read("""
            target:
              kind: oslo
              topic: t
              method: m
              args:
                seq: "{{seq}}"
                rand: "{{rand:1-5}}"
                uuid: "{{uuid}}"
                choice: "{{choice:a|b}}"
                bytes: "{{bytes:16}}"
                label: "order-{{seq}}"
                quoted_number: "7"
                int: 42
                big: 12345678901234567890
                float: 5.10
                hex: 0x1F
                none: ~
                yes_is_text: yes
                flag: false
                nested: {list: [1, "two", 3.5], empty: []}
                escaped: "a \"quote\" and é"
            """);

        Assert.Equal(
            """{"seq":{{seq}},"rand":{{rand:1-5}},"uuid":"{{uuid}}","choice":"{{choice:a|b}}","bytes":"{{bytes:16}}","label":"order-{{seq}}","quoted_number":"7","int":42,"big":12345678901234567890,"float":5.10,"hex":31,"none":null,"yes_is_text":"yes","flag":false,"nested":{"list":[1,"two",3.5],"empty":[]},"escaped":"a \"quote\" and é"}""",
            file.Target!.Args);
    }

    [Fact]
    public void Args_given_as_text_are_the_template_as_written()
    {
        var file = Read("""
            target:
              kind: celery
              task: shop.checkout
              args: '[{{seq}}, ["book"]]'
              kwargs: '{"coupon": "{{choice:SAVE10|none}}"}'
              cast: true
            """);

        Assert.Equal("""[{{seq}}, ["book"]]""", file.Target!.Args);
        Assert.Equal("""{"coupon": "{{choice:SAVE10|none}}"}""", file.Target.Kwargs);
        Assert.True(file.Target.Cast);
    }

    [Fact]
    public void Phase_quantities_take_units_and_separators()
    {
        var file = Read("""
            scenario: call.add
            phases:
              - warmup: {duration: 500ms}
              - constant: {rate: 400/s, requests: 10k}
              - outstanding: {count: 8, requests: 10_000}
              - ramp: {from: 0, to: 1.5, duration: 2m}
              - constant: {rate: 10, duration: 1h}
              - outstanding: {count: 1, duration: 30}
            """);

        Assert.Equal("call.add", file.Scenario);
        Assert.Null(file.Target);
        Assert.Equal(
            [
                new LoadPhase { Kind = "warmup", DurationSeconds = 0.5 },
                new LoadPhase { Kind = "constant", Rate = 400, Requests = 10_000 },
                new LoadPhase { Kind = "outstanding", Outstanding = 8, Requests = 10_000 },
                new LoadPhase { Kind = "ramp", Rate = 0, RampTo = 1.5, DurationSeconds = 120 },
                new LoadPhase { Kind = "constant", Rate = 10, DurationSeconds = 3600 },
                new LoadPhase { Kind = "outstanding", Outstanding = 1, DurationSeconds = 30 },
            ],
            file.Phases);
    }

    [Fact]
    public void Settings_stay_text_lists_are_sweeps_and_units_become_plain_numbers()
    {
        var file = Read("""
            scenario: call.add
            settings:
              prefetch: [1, 10, unlimited]
              persistent: true
              transport: reply-queue
              duration: 2m
              warmup: 500ms
              timeout: [10s, 1.5, 1m]
              max-recovery: 1h
              sleep-ms: 50ms
              rate: 400/s
              requests: 10k
              payload: 1_000
            """);

        AssertSettings(file,
            ("prefetch", ["1", "10", "unlimited"]),
            ("persistent", ["true"]),
            ("transport", ["reply-queue"]),
            ("duration", ["120"]),
            ("warmup", ["0.5"]),
            ("timeout", ["10", "1.5", "60"]),
            ("max-recovery", ["3600"]),
            ("sleep-ms", ["50"]),
            ("rate", ["400"]),
            ("requests", ["10000"]),
            ("payload", ["1_000"]));
    }

    [Fact]
    public void A_file_with_only_a_scenario_needs_no_phases()
    {
        var file = Read("scenario: call.add\namqp: amqp://guest:guest@127.0.0.1:5672/\nthresholds: p99<20ms\n");

        Assert.Equal(("call.add", "amqp://guest:guest@127.0.0.1:5672/"), (file.Scenario, file.Amqp));
        Assert.Empty(file.Phases);
        Assert.Empty(file.Settings);
        Assert.Equal(["p99<20ms"], file.Thresholds);
    }

    [Theory]
    [InlineData("scenario: call.add\nrepeat: 3\n", "repeat: unknown key; a scenario file takes name, amqp, target, scenario, phases, settings, thresholds")]
    [InlineData("target: {kind: oslo, topic: t, method: m, task: x}\n", "target.task: unknown key; an oslo target takes kind, topic, server, exchange, namespace, version, method, args, cast")]
    [InlineData("target: {kind: celery, task: x, topic: t}\n", "target.topic: unknown key; a celery target takes kind, task, queue, args, kwargs, cast")]
    [InlineData("scenario: call.add\nphases:\n  - ramp: {from: 1, to: 2, duration: 1s, rate: 3}\n", "phases[0].ramp.rate: unknown key; a ramp phase takes from, to, duration")]
    [InlineData("scenario: call.add\nphases:\n  - spike: {rate: 1}\n", "phases[0].spike: unknown phase; expected warmup, ramp, constant or outstanding")]
    [InlineData("scenario: call.add\nphases:\n  - {constant: {rate: 1, duration: 1}, warmup: 1s}\n", "phases[0]: expected one phase")]
    [InlineData("scenario: call.add\nphases: {warmup: 5s}\n", "phases: expected a list of phases")]
    [InlineData("scenario: call.add\nphases:\n  - outstanding: {count: 8.5, duration: 1s}\n", "phases[0].outstanding.count: expected the requests kept in flight, a whole number from 1 to 1000000, not '8.5'")]
    [InlineData("scenario: call.add\nphases:\n  - outstanding: {count: [8], duration: 1s}\n", "phases[0].outstanding.count: expected a whole number, not a list")]
    [InlineData("scenario: call.add\nphases:\n  - constant: {rate: 10}\n", "phases[0].constant: a constant phase needs a duration or a number of requests")]
    [InlineData("scenario: call.add\nphases:\n  - outstanding: {count: 2, duration: 1s, requests: 5}\n", "phases[0].outstanding: an outstanding phase ends after a duration or after a number of requests: give one, not both")]
    [InlineData("scenario: call.add\nphases:\n  - warmup: 1s\n  - ramp: {from: 50, to: 400}\n", "phases[1].ramp: a ramp phase needs a duration (e.g. duration: 30s)")]
    [InlineData("scenario: call.add\nphases:\n  - ramp: {to: 400, duration: 1s}\n", "phases[0].ramp: a ramp phase needs from and to")]
    [InlineData("scenario: call.add\nphases:\n  - warmup:\n  - constant: {rate: 1, duration: 1}\n", "phases[0].warmup: a warm-up phase needs a duration")]
    [InlineData("scenario: call.add\nphases:\n  - constant: {rate: 1, duration: 1}\n  - warmup: 1s\n", "phases[1]: a warm-up must be followed by the measured phase it warms up")]
    [InlineData("scenario: call.add\nphases:\n  - constant: {rate: 1, duration: fast}\n", "phases[0].constant.duration: expected a duration like 500ms, 10s, 2m or 1h (a bare number is seconds), above zero, not 'fast'")]
    [InlineData("scenario: call.add\nphases:\n  - constant: {rate: 0, duration: 1s}\n", "phases[0].constant.rate: expected a rate in requests per second, like 400 or 400/s, above zero, not '0'")]
    [InlineData("scenario: call.add\nphases:\n  - constant: {rate: 5, requests: 1.5k}\n", "phases[0].constant.requests: expected a whole number like 10000, 10_000 or 10k, at least 1, not '1.5k'")]
    [InlineData("target: {kind: rest, url: x}\n", "target.kind: unknown target kind 'rest'; expected oslo or celery")]
    [InlineData("target: {topic: t}\n", "target.kind: missing; expected oslo")]
    [InlineData("target: [oslo]\n", "target: expected a mapping (kind: oslo or kind: celery, and its fields), not a list")]
    [InlineData("target: {kind: oslo, method: m}\n", "target.topic: required: an oslo target needs the topic its service consumes")]
    [InlineData("target: {kind: oslo, topic: t}\n", "target.method: required: an oslo target needs the method to call")]
    [InlineData("target: {kind: celery, queue: shop}\n", "target.task: required: a celery target needs the task's registered name")]
    [InlineData("target: {kind: oslo, topic: t, method: m, args: [1, 2]}\n", "target.args: expected the method's keyword arguments: a mapping")]
    [InlineData("target: {kind: celery, task: x, args: {a: 1}}\n", "target.args: expected the task's positional arguments: a list")]
    [InlineData("target: {kind: celery, task: x, kwargs: '[1]'}\n", "target.kwargs: expected the task's keyword arguments: a mapping")]
    [InlineData("target:\n  kind: oslo\n  topic: t\n  method: m\n  args: |\n    not json\n    on two lines\n", "target.args: expected the method's keyword arguments: a mapping (e.g. args: {instance_uuid: \"{{uuid}}\"}) or JSON object text, not 'not json on two lines '")]
    [InlineData("target: {kind: oslo, topic: t, method: m, args: {x: .inf}}\n", "target.args.x: JSON has no infinity or NaN")]
    [InlineData("target: {kind: oslo, topic: t, method: m, cast: maybe}\n", "target.cast: expected true or false, not 'maybe'")]
    [InlineData("target: {kind: oslo, topic: t, method: m}\nscenario: call.add\n", "scenario: give target (a service of yours) or scenario (one of Bench's own), not both")]
    [InlineData("name: nothing to run\n", "target: missing: give target")]
    [InlineData("scenario: call.add\nsettings:\n  prefetch: [1, [2, 3]]\n", "settings.prefetch[1]: expected one value (text or a number), not a list")]
    [InlineData("scenario: call.add\nsettings:\n  prefetch: {min: 1}\n", "settings.prefetch: expected one value (text or a number), not a mapping")]
    [InlineData("scenario: call.add\nsettings:\n  prefetch: []\n", "settings.prefetch: an empty list")]
    [InlineData("scenario: call.add\nsettings: [prefetch]\n", "settings: expected a mapping of option names to values")]
    [InlineData("scenario: call.add\nthresholds: [p99<20ms, {errors: 1}]\n", "thresholds[1]: expected a threshold like")]
    [InlineData("scenario: call.add\nphases:\n  - warmup: 1s\n   - constant: {}\n", "line 4, column 4: not valid YAML:")]
    [InlineData("scenario: call.add\nscenario: call.echo\n", "line 2, column 1: not valid YAML: the key 'scenario' appears twice")]
    [InlineData("", "the file is empty")]
    [InlineData("scenario: call.add\n---\nscenario: call.echo\n", "expected one YAML document, found 2")]
    [InlineData("- scenario: call.add\n", "expected a scenario file: a mapping of name, amqp, target, scenario, phases, settings, thresholds, not a list")]
    public void Bad_yaml_file_is_one_line_naming_the_file_and_the_field(string yaml, string expected) =>
        AssertOneLineError(Write("bad.yaml", yaml), expected);

    [Theory]
    [InlineData("{\n  \"scenario\": \"call.add\",\n  \"phases\": [}\n", "line 3, column 14: not valid JSON: ")]
    [InlineData("{\"scenario\": \"call.add\", \"repeat\": 3}", "repeat: unknown key")]
    [InlineData("{\"target\": {\"kind\": \"oslo\", \"topic\": \"t\", \"method\": \"m\", \"version\": 5.10}, \"phases\": [{\"warmup\": \"1s\"}]}", "phases[0]: a warm-up must be followed")]
    [InlineData("{\"scenario\": \"call.add\", \"scenario\": \"call.echo\"}", "scenario: this key appears twice")]
    [InlineData("{\"scenario\": \"call.add\", \"phases\": [{\"constant\": {\"rate\": \"10\", \"duration\": true}}]}", "phases[0].constant.duration: expected a duration")]
    public void Bad_json_file_is_one_line_naming_the_file_and_the_field(string json, string expected) =>
        AssertOneLineError(Write("bad.json", json), expected);

    [Fact]
    public void Missing_file_names_the_file() => AssertOneLineError(Path.Combine(_dir, "nope.yaml"), "no such file");

    [Fact]
    public void Errors_never_repeat_the_broker_uri()
    {
        var message = AssertOneLineError(Write("secret.yaml", "amqp: [amqp://guest:s3cret@127.0.0.1/]\nscenario: call.add\n"), "amqp: expected a broker URI");

        Assert.DoesNotContain("s3cret", message, StringComparison.Ordinal);
    }

    private static string AssertOneLineError(string path, string expected)
    {
        var e = Assert.Throws<HarnessConfigurationException>(() => ScenarioFileReader.Read(path));

        Assert.StartsWith(path + ": " + expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        return e.Message;
    }

    private static void AssertSettings(ScenarioFile file, params (string Name, string[] Values)[] expected)
    {
        Assert.Equal(expected.Select(e => e.Name), file.Settings.Keys);
        Assert.All(expected, e => Assert.Equal(e.Values, file.Settings[e.Name]));
    }

    private ScenarioFile Read(string yaml) => ScenarioFileReader.Read(Write("test.yaml", yaml));

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
