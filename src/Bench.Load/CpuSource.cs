using System.Globalization;

namespace Bench.Load;

/// <summary>
/// A process whose CPU time a run reports (the load generator itself, workers, the broker): on 2 cores the broker
/// competes with the generator, so a result must say who spent what. Read from /proc/&lt;pid&gt;/stat.
/// </summary>
public sealed record CpuSource(string Name, int ProcessId, bool IncludeDescendants = false)
{
    private static readonly double s_ticksPerSecond = 100; // USER_HZ: 100 on every Linux Bench runs on

    public static CpuSource Self(string name = "client") => new(name, Environment.ProcessId)
    {
        WorkItems = static _ => ValueTask.FromResult<long?>(ThreadPool.CompletedWorkItemCount),
        JitMethods = static _ => ValueTask.FromResult<long?>(System.Runtime.JitInfo.GetCompiledMethodCount()),
    };

    /// <summary>
    /// Reads the process's thread-pool work items completed so far (<see cref="ThreadPool.CompletedWorkItemCount"/>, its
    /// own or asked of it), or null when it cannot say; none for a process that does not report it.
    /// </summary>
    public Func<CancellationToken, ValueTask<long?>>? WorkItems { get; init; }

    /// <summary>
    /// Reads how many methods the process's JIT has compiled so far (<see cref="System.Runtime.JitInfo.GetCompiledMethodCount"/>,
    /// each tier counted), its own or asked of it: the warm-up goes on while this grows (<see cref="WarmUp"/>); none for a
    /// process that does not report it.
    /// </summary>
    public Func<CancellationToken, ValueTask<long?>>? JitMethods { get; init; }

    /// <summary>The work items so far, or null (no reader, or the reader failed: a figure missing, not a run failed).</summary>
    public ValueTask<long?> WorkItemsAsync(CancellationToken cancellationToken) => ReadAsync(WorkItems, cancellationToken);

    /// <summary>The methods compiled so far, or null (no reader, or the reader failed).</summary>
    public ValueTask<long?> JitMethodsAsync(CancellationToken cancellationToken) => ReadAsync(JitMethods, cancellationToken);

    private static async ValueTask<long?> ReadAsync(Func<CancellationToken, ValueTask<long?>>? reader, CancellationToken cancellationToken)
    {
        if (reader is null)
        {
            return null;
        }

        try
        {
            return await reader(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// User + system CPU seconds so far (with <see cref="IncludeDescendants"/>, of the live process tree: a prefork
    /// pool works in its children), or null when the process is gone or /proc is not there.
    /// </summary>
    public double? CpuSeconds()
    {
        var own = Read(ProcessId);
        if (own is null || !IncludeDescendants)
        {
            return own;
        }

        var total = own.Value;
        var pending = new Stack<int>(Children(ProcessId));
        while (pending.TryPop(out var child))
        {
            total += Read(child) ?? 0;
            foreach (var grandchild in Children(child))
            {
                pending.Push(grandchild);
            }
        }

        return total;
    }

    private static List<int> Children(int pid)
    {
        var found = new List<int>();
        try
        {
            foreach (var task in Directory.GetDirectories($"/proc/{pid}/task"))
            {
                var text = File.ReadAllText(Path.Combine(task, "children"));
                found.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => int.Parse(t, CultureInfo.InvariantCulture)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }

        return found;
    }

    private static double? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may hold spaces and parentheses): state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / s_ticksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
