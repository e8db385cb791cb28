using Bench.Objects.Model;
using Bench.Objects.Nova;

namespace Bench.Objects.Tests;

/// <summary>The sample objects of scripts/peers/oslo/objects_peer.py's case(), built the same way in C#.</summary>
internal static class InteropCases
{
    public static VersionedObject Build(string name)
    {
        switch (name)
        {
            case "instance":
                return SampleInstances.Create(7);
            case "changed":
            {
                var instance = SampleInstances.Create(7);
                instance.TaskState = "spawning";
                instance.VmState = "building";
                instance.Progress = 50;
                instance.Flavor.VcpuWeight = 2;
                instance.SecurityGroups![0].Name = "default2";
                return instance;
            }

            case "unicode":
            {
                var instance = SampleInstances.Create(8);
                instance.DisplayName = "caf\u00e9 \u2603 \U0001F600 \"quoted\" back\\slash";
                instance.Metadata = new Dictionary<string, string> { ["k\"ey"] = "tab\there", ["ctl"] = "\x01" };
                instance.LockedBy = "admin";
                instance.EphemeralKeyUuid = SampleInstances.Uuid(99);
                return instance;
            }

            case "microseconds":
            {
                var instance = SampleInstances.Create(9);
                instance.LaunchedAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(6_789_010);
                return instance;
            }

            case "sparse":
                return new Instance { Id = 1, Uuid = SampleInstances.Uuid(1), Host = null, Locked = true, SystemMetadata = new Dictionary<string, string>() };
            case "floats":
            {
                var flavor = SampleInstances.Flavor();
                flavor.RxtxFactor = 0.1;
                flavor.Swap = 512;
                return flavor;
            }

            case "bigfloat":
            {
                var flavor = SampleInstances.Flavor();
                flavor.RxtxFactor = 1.5e-07;
                return flavor;
            }

            case "list":
            {
                var list = new InstanceList();
                list.SetObjects([SampleInstances.Create(1), SampleInstances.Create(2), SampleInstances.Create(3)]);
                list.ResetChanges(recursive: true);
                list[1].Progress = 10;
                return list;
            }

            default:
                throw new ArgumentException("unknown case " + name, nameof(name));
        }
    }
}
