using System.Diagnostics;
using Bench.Broker;
using Bench.Harness;

namespace Bench.Scenarios.Cli;

/// <summary>
/// One side of `bench ab`: a revision checked out as a detached git worktree under the session's temporary folder (or
/// a directory holding a checkout, used as it is), built in Release. Disposing removes the worktree: nothing of a
/// revision is left behind, whether it built or not.
/// </summary>
internal sealed class AbSide : IDisposable
{
    private readonly string? _repository;

    private AbSide(string label, string name, string root, string? repository)
    {
        Label = label;
        Name = name;
        Root = root;
        _repository = repository;
    }

    /// <summary>"BASE" or "HEAD": which argument this side came from.</summary>
    public string Label { get; }

    /// <summary>What the user named (a revision or a directory) and, for a revision, its short sha.</summary>
    public string Name { get; }

    public string Root { get; }

    public string Cli => Path.Combine(Root, "scenarios", "bin", "Release", "net10.0", "bench.dll");

    /// <summary>A directory with Bench.sln is used as it is; anything else must be a git revision of <paramref name="repository"/>.</summary>
    public static async Task<AbSide> CheckOutAsync(string label, string which, string repository, string workRoot, CancellationToken cancellationToken)
    {
        if (Directory.Exists(which))
        {
            var root = Path.GetFullPath(which);
            return File.Exists(Path.Combine(root, RepositoryRoot.Marker)) ? new AbSide(label, which, root, null)
                : throw new UsageException($"{label} {which} is a directory without {RepositoryRoot.Marker}: not a Bench checkout");
        }

        var (code, sha, _) = await GitAsync(repository, cancellationToken, "rev-parse", "--verify", "--quiet", which + "^{commit}");
        if (code != 0 || sha.Length < 7)
        {
            throw new UsageException($"{label} {which} is not a revision of {repository} (nor a directory)");
        }

        var path = Path.Combine(workRoot, label.ToLowerInvariant());
        var (added, _, error) = await GitAsync(repository, cancellationToken, "worktree", "add", "--detach", "--quiet", path, sha);
        if (added != 0)
        {
            throw new UsageException($"{label} {which}: git worktree add failed: {error.Split('\n')[0]}");
        }

        return new AbSide(label, which + " (" + sha[..7] + ")", path, repository);
    }

    /// <summary>dotnet build of the CLI in Release; a side that does not build is a usage error naming it.</summary>
    public async Task BuildAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Root };
        foreach (var a in new[] { "build", Path.Combine("scenarios", "Bench.Scenarios.csproj"), "-c", "Release", "--nologo", "-v", "quiet", "-clp:ErrorsOnly" })
        {
            start.ArgumentList.Add(a);
        }

        var (code, output, error) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(20), cancellationToken);
        if (code != 0 || !File.Exists(Cli))
        {
            var first = (output + "\n" + error).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? $"exit {code}";
            throw new UsageException($"{Label} {Name} does not build: {first}");
        }
    }

    public void Dispose()
    {
        if (_repository is null)
        {
            return;
        }

        // git worktree remove deletes the folder (build output too) and its administrative entry; a failure leaves the
        // folder to the session's temporary root, which the command deletes anyway.
        var start = new ProcessStartInfo("git") { WorkingDirectory = _repository, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "worktree", "remove", "--force", Root })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start);
        process?.WaitForExit();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        using var prune = Process.Start(new ProcessStartInfo("git", "worktree prune") { WorkingDirectory = _repository });
        prune?.WaitForExit();
    }

    private static async Task<(int Code, string Stdout, string Stderr)> GitAsync(string repository, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repository };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        var (code, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2), cancellationToken);
        return (code, stdout.Trim(), stderr.Trim());
    }
}
