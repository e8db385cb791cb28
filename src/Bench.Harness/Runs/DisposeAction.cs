namespace Bench.Harness.Runs;

/// <summary>A clean-up step for <see cref="OwnedResources"/> that is not itself a resource (write a log, delete a directory).</summary>
public sealed class DisposeAction(Action action) : IAsyncDisposable
{
    public ValueTask DisposeAsync()
    {
        action();
        return ValueTask.CompletedTask;
    }
}
