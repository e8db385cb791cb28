namespace Bench.Harness.Runs;

/// <summary>What a scenario started (workers, clients, peers), disposed in reverse order; a failing cleanup is reported, not thrown.</summary>
public sealed class OwnedResources(string owner, Action<string> warn) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    public T Add<T>(T resource)
        where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            try
            {
                await _owned[i].DisposeAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                warn($"{owner}: cleanup: {e.Message}");
            }
        }

        _owned.Clear();
    }
}
