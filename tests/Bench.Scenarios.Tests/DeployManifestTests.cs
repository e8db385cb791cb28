using Bench.Testing;
using YamlDotNet.RepresentationModel;

namespace Bench.Scenarios.Tests;

/// <summary>
/// deploy/: every manifest and the workflow template parse as YAML, the agents' Indexed Job has what an Indexed Job
/// needs (and no retries: a failed agent is missing, not replayed), and N agrees across agents and coordinator.
/// </summary>
public sealed class DeployManifestTests
{
    private static readonly string s_deploy = Path.Combine(RepoRoot.Path, "deploy");

    [Fact]
    public void Every_manifest_and_template_parses()
    {
        var files = Directory.GetFiles(s_deploy, "*.y*ml", SearchOption.AllDirectories);
        Assert.True(files.Length >= 5, string.Join(", ", files));
        foreach (var file in files)
        {
            Assert.NotEmpty(Documents(file));
        }
    }

    [Fact]
    public void The_agents_are_an_Indexed_Job_run_all_at_once_without_retries()
    {
        var job = Documents(Path.Combine(s_deploy, "kubernetes", "agents.yaml")).Single(d => Text(d, "kind") == "Job");
        var spec = Map(job, "spec");
        Assert.Equal("batch/v1", Text(job, "apiVersion"));
        Assert.Equal("Indexed", Text(spec, "completionMode"));
        var agents = Text(spec, "completions");
        Assert.Equal(agents, Text(spec, "parallelism"));
        Assert.Equal("0", Text(spec, "backoffLimit"));
        var pod = Map(Map(spec, "template"), "spec");
        Assert.Equal("Never", Text(pod, "restartPolicy"));
        var container = (YamlMappingNode)((YamlSequenceNode)pod.Children[new YamlScalarNode("containers")]).Children.Single();
        var args = Args(container);
        Assert.Equal(["run", "--agents", agents], args.Take(3));
        Assert.DoesNotContain("--agent-index", args); // JOB_COMPLETION_INDEX gives it
        Assert.Contains(EnvNames(container), n => n == "BENCH_CONTROL_URI");

        var coordinator = Documents(Path.Combine(s_deploy, "kubernetes", "coordinator.yaml")).Single(d => Text(d, "kind") == "Job");
        var command = string.Join(' ', Args((YamlMappingNode)((YamlSequenceNode)Map(Map(Map(coordinator, "spec"), "template"), "spec").Children[new YamlScalarNode("containers")]).Children.Single()));
        Assert.Contains($"coordinate --agents {agents} ", command, StringComparison.Ordinal);
    }

    [Fact]
    public void Brokers_are_Cluster_Operator_resources_and_the_worker_a_Deployment()
    {
        var clusters = Documents(Path.Combine(s_deploy, "kubernetes", "rabbitmq.yaml")).Where(d => Text(d, "kind") == "RabbitmqCluster").ToList();
        Assert.Equal(["bench-rabbit", "bench-control"], clusters.Select(c => Text(Map(c, "metadata"), "name")));
        Assert.All(clusters, c => Assert.Equal("rabbitmq.com/v1beta1", Text(c, "apiVersion")));
        var worker = Documents(Path.Combine(s_deploy, "kubernetes", "worker.yaml")).Single();
        Assert.Equal("Deployment", Text(worker, "kind"));
        var container = (YamlMappingNode)((YamlSequenceNode)Map(Map(Map(worker, "spec"), "template"), "spec").Children[new YamlScalarNode("containers")]).Children.Single();
        Assert.Equal("worker", Args(container)[0]);
    }

    [Fact]
    public void The_workflow_template_runs_agents_as_a_matrix_beside_a_coordinator()
    {
        var workflow = Documents(Path.Combine(s_deploy, "github-actions", "bench-agents.yml")).Single();
        var jobs = Map(workflow, "jobs");
        var matrix = Map(Map(Map(jobs, "agent"), "strategy"), "matrix");
        Assert.Contains("fromJSON(needs.plan.outputs.indexes)", Text(matrix, "index"), StringComparison.Ordinal);
        Assert.Equal("false", Text(Map(Map(jobs, "agent"), "strategy"), "fail-fast"));
        Assert.Contains("coordinate --agents", File.ReadAllText(Path.Combine(s_deploy, "github-actions", "bench-agents.yml")), StringComparison.Ordinal);
        Assert.True(jobs.Children.ContainsKey(new YamlScalarNode("coordinator")));
    }

    private static List<YamlMappingNode> Documents(string path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(path));
        stream.Load(reader);
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string Text(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    private static List<string> Args(YamlMappingNode container) =>
        [.. ((YamlSequenceNode)container.Children[new YamlScalarNode("args")]).Children.Select(a => ((YamlScalarNode)a).Value!)];

    private static IEnumerable<string> EnvNames(YamlMappingNode container) =>
        ((YamlSequenceNode)container.Children[new YamlScalarNode("env")]).Children.Select(e => Text((YamlMappingNode)e, "name"));
}
