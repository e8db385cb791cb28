using Bench.Objects.Nova;

namespace Bench.Objects.Conductor;

/// <summary>
/// The conductor's database: instances in memory, seeded deterministically (<see cref="SampleInstances"/>). A read
/// returns a copy, as a database row becomes a new object; a save writes only the changed fields. Each stored
/// instance is its own lock, so concurrent reads and saves of different instances do not contend.
/// </summary>
public sealed class InstanceStore
{
    private readonly Dictionary<string, Instance> _byUuid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Instance>> _byHost = new(StringComparer.Ordinal);
    private readonly Func<DateTime> _clock;

    public InstanceStore(int count = 1000, int hosts = 10, Func<DateTime>? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hosts, 1);
        _clock = clock ?? (() => DateTime.UtcNow);
        Hosts = hosts;
        for (var i = 0; i < count; i++)
        {
            var instance = SampleInstances.Create(i, hosts);
            _byUuid.Add(instance.Uuid, instance);
            var host = instance.Host!;
            if (!_byHost.TryGetValue(host, out var list))
            {
                _byHost[host] = list = [];
            }

            list.Add(instance);
        }
    }

    public int Count => _byUuid.Count;

    public int Hosts { get; }

    /// <summary>Saves so far (each one wrote its changed fields).</summary>
    public long Saves => Interlocked.Read(ref _saves);

    private long _saves;

    /// <summary>A copy of the stored instance, in the caller's context, with no changes; InstanceNotFound when absent.</summary>
    public Instance GetByUuid(ObjectContext context, string uuid)
    {
        if (!_byUuid.TryGetValue(uuid, out var stored))
        {
            throw ConductorErrors.InstanceNotFound(uuid);
        }

        Instance copy;
        lock (stored)
        {
            copy = (Instance)stored.Clone();
        }

        copy.Context = context;
        return copy;
    }

    /// <summary>Copies of every instance on a host (an empty list for an unknown host, as a database query gives).</summary>
    public InstanceList GetByHost(ObjectContext context, string host)
    {
        var result = new InstanceList { Context = context };
        if (_byHost.TryGetValue(host, out var stored))
        {
            foreach (var instance in stored)
            {
                Instance copy;
                lock (instance)
                {
                    copy = (Instance)instance.Clone();
                }

                copy.Context = context;
                result.AddLoaded(copy);
            }
        }

        return result;
    }

    /// <summary>Writes the instance's changed fields, stamps updated_at on both copies, and resets the caller's changes (Instance.save).</summary>
    public void Save(Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (!_byUuid.TryGetValue(instance.Uuid, out var stored))
        {
            throw ConductorErrors.InstanceNotFound(instance.Uuid);
        }

        var now = _clock();
        var changed = instance.ChangedMask();
        lock (stored)
        {
            foreach (var field in Instance.Class.All)
            {
                if ((changed & (1UL << field.Index)) != 0)
                {
                    stored.CopyField(instance, field.Index);
                }
            }

            stored.UpdatedAt = now;
            stored.ResetChanges(recursive: true);
        }

        instance.UpdatedAt = now;
        instance.ResetChanges(recursive: true);
        Interlocked.Increment(ref _saves);
    }
}
