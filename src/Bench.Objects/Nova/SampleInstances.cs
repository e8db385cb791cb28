using System.Globalization;
using System.Net;

namespace Bench.Objects.Nova;

/// <summary>
/// Deterministic Nova objects shaped like the canned primitive call.nova sends (scenarios/assets/nova-instance.json):
/// the conductor's store is seeded with them, and tests and benchmarks build the same ones.
/// </summary>
public static class SampleInstances
{
    private static readonly DateTime s_created = new(2026, 11, 20, 8, 14, 3, DateTimeKind.Utc);

    public static string Uuid(int i) => string.Create(CultureInfo.InvariantCulture, $"{i:x8}-5e6f-4a8b-9c0d-{i:x12}");

    public static string Host(int i, int hosts) => "compute-" + (i % Math.Max(1, hosts)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Instance number <paramref name="i"/>: every field set, nested flavor, two security groups, no changes.</summary>
    public static Instance Create(int i, int hosts = 10)
    {
        var host = Host(i, hosts);
        var instance = new Instance
        {
            Id = 4000 + i,
            Uuid = Uuid(i),
            UserId = "8e3c9a1f2b4d4e6f8a0b1c2d3e4f5a6b",
            ProjectId = "1a2b3c4d5e6f4a8b9c0d1e2f3a4b5c6d",
            ImageRef = "9d8c7b6a-5f4e-4d3c-2b1a-0f9e8d7c6b5a",
            KernelId = null,
            RamdiskId = null,
            Hostname = "web-frontend-" + i.ToString(CultureInfo.InvariantCulture),
            LaunchIndex = 0,
            KeyName = "ops-key",
            KeyData = null,
            PowerState = 1,
            VmState = "active",
            TaskState = null,
            MemoryMb = 4096,
            Vcpus = 2,
            RootGb = 40,
            EphemeralGb = 0,
            Host = host,
            Node = host + ".example.org",
            InstanceTypeId = 3,
            UserData = null,
            ReservationId = "r-4k2j8d1q",
            LaunchedAt = s_created.AddSeconds(99),
            TerminatedAt = null,
            AvailabilityZone = "nova",
            DisplayName = "web-frontend-" + i.ToString(CultureInfo.InvariantCulture),
            DisplayDescription = null,
            LaunchedOn = host,
            Locked = false,
            LockedBy = null,
            OsType = "linux",
            Architecture = "x86_64",
            VmMode = "hvm",
            AccessIpV4 = new IPAddress([192, 0, 2, (byte)(i % 250)]),
            AccessIpV6 = IPAddress.Parse("2001:db8::" + (i % 65535).ToString("x", CultureInfo.InvariantCulture)),
            ConfigDrive = string.Empty,
            CreatedAt = s_created,
            UpdatedAt = s_created.AddHours(20),
            DeletedAt = null,
            Deleted = false,
            CellName = null,
            Progress = 0,
            ShutdownTerminate = false,
            Cleaned = false,
            RootDeviceName = "/dev/vda",
            DefaultEphemeralDevice = null,
            DefaultSwapDevice = null,
            SystemMetadata = new Dictionary<string, string> { ["image_min_disk"] = "20", ["image_os_distro"] = "debian" },
            Metadata = new Dictionary<string, string> { ["role"] = "web", ["tier"] = "frontend" },
            Flavor = Flavor(),
            SecurityGroups = Groups(i),
            EphemeralKeyUuid = null,
        };
        instance.ResetChanges(recursive: true);
        return instance;
    }

    public static Flavor Flavor()
    {
        var flavor = new Flavor
        {
            Id = 3,
            Name = "m1.medium",
            MemoryMb = 4096,
            Vcpus = 2,
            RootGb = 40,
            EphemeralGb = 0,
            Flavorid = "3",
            Swap = 0,
            RxtxFactor = 1.0,
            VcpuWeight = 0,
            Disabled = false,
            IsPublic = true,
            ExtraSpecs = new Dictionary<string, string>(),
        };
        flavor.ResetChanges();
        return flavor;
    }

    public static SecurityGroupList Groups(int i)
    {
        var list = new SecurityGroupList();
        list.SetObjects(
        [
            new SecurityGroup { Id = 1, Name = "default", Description = "default", UserId = "8e3c9a1f2b4d4e6f8a0b1c2d3e4f5a6b", ProjectId = "1a2b3c4d5e6f4a8b9c0d1e2f3a4b5c6d", Deleted = false, CreatedAt = s_created },
            new SecurityGroup { Id = 100 + (i % 7), Name = "web", Description = null, UserId = null, ProjectId = "1a2b3c4d5e6f4a8b9c0d1e2f3a4b5c6d", Deleted = false, CreatedAt = null },
        ]);
        list.ResetChanges(recursive: true);
        return list;
    }
}
