using System.Net;
using Bench.Objects.Model;

namespace Bench.Objects.Nova;

/// <summary>A compute instance: Nova's busiest object, with a nested Flavor and SecurityGroupList. Fields in oslo declaration order (the order of its primitive); see <see cref="Class"/> for versions.</summary>
public sealed partial class Instance : VersionedObject
{
    private const int IdField = 0;
    private const int UuidField = 1;
    private const int UserIdField = 2;
    private const int ProjectIdField = 3;
    private const int ImageRefField = 4;
    private const int KernelIdField = 5;
    private const int RamdiskIdField = 6;
    private const int HostnameField = 7;
    private const int LaunchIndexField = 8;
    private const int KeyNameField = 9;
    private const int KeyDataField = 10;
    private const int PowerStateField = 11;
    private const int VmStateField = 12;
    private const int TaskStateField = 13;
    private const int MemoryMbField = 14;
    private const int VcpusField = 15;
    private const int RootGbField = 16;
    private const int EphemeralGbField = 17;
    private const int HostField = 18;
    private const int NodeField = 19;
    private const int InstanceTypeIdField = 20;
    private const int UserDataField = 21;
    private const int ReservationIdField = 22;
    private const int LaunchedAtField = 23;
    private const int TerminatedAtField = 24;
    private const int AvailabilityZoneField = 25;
    private const int DisplayNameField = 26;
    private const int DisplayDescriptionField = 27;
    private const int LaunchedOnField = 28;
    private const int LockedField = 29;
    private const int LockedByField = 30;
    private const int OsTypeField = 31;
    private const int ArchitectureField = 32;
    private const int VmModeField = 33;
    private const int AccessIpV4Field = 34;
    private const int AccessIpV6Field = 35;
    private const int ConfigDriveField = 36;
    private const int CreatedAtField = 37;
    private const int UpdatedAtField = 38;
    private const int DeletedAtField = 39;
    private const int DeletedField = 40;
    private const int CellNameField = 41;
    private const int ProgressField = 42;
    private const int ShutdownTerminateField = 43;
    private const int CleanedField = 44;
    private const int RootDeviceNameField = 45;
    private const int DefaultEphemeralDeviceField = 46;
    private const int DefaultSwapDeviceField = 47;
    private const int SystemMetadataField = 48;
    private const int MetadataField = 49;
    private const int FlavorField = 50;
    private const int SecurityGroupsField = 51;
    private const int EphemeralKeyUuidField = 52;

    public Instance()
        : base(Class)
    {
    }

    internal Instance(ObjectSchema schema)
        : base(schema)
    {
    }

    /// <summary>Instance 2.7 in the nova_object namespace.</summary>
    public static ObjectSchema Class { get; } = new(ObjectNamespace.Nova, "Instance", "2.7",
    [
        ObjectField.Of("id", FieldKind.Integer, false),
        ObjectField.Of("uuid", FieldKind.Uuid, false),
        ObjectField.Of("user_id", FieldKind.String, true),
        ObjectField.Of("project_id", FieldKind.String, true),
        ObjectField.Of("image_ref", FieldKind.String, true),
        ObjectField.Of("kernel_id", FieldKind.String, true),
        ObjectField.Of("ramdisk_id", FieldKind.String, true),
        ObjectField.Of("hostname", FieldKind.String, true),
        ObjectField.Of("launch_index", FieldKind.Integer, true),
        ObjectField.Of("key_name", FieldKind.String, true),
        ObjectField.Of("key_data", FieldKind.String, true),
        ObjectField.Of("power_state", FieldKind.Integer, true),
        ObjectField.Of("vm_state", FieldKind.String, true),
        ObjectField.Of("task_state", FieldKind.String, true),
        ObjectField.Of("memory_mb", FieldKind.Integer, true),
        ObjectField.Of("vcpus", FieldKind.Integer, true),
        ObjectField.Of("root_gb", FieldKind.Integer, true),
        ObjectField.Of("ephemeral_gb", FieldKind.Integer, true),
        ObjectField.Of("host", FieldKind.String, true),
        ObjectField.Of("node", FieldKind.String, true),
        ObjectField.Of("instance_type_id", FieldKind.Integer, true),
        ObjectField.Of("user_data", FieldKind.String, true),
        ObjectField.Of("reservation_id", FieldKind.String, true),
        ObjectField.Of("launched_at", FieldKind.DateTime, true),
        ObjectField.Of("terminated_at", FieldKind.DateTime, true),
        ObjectField.Of("availability_zone", FieldKind.String, true),
        ObjectField.Of("display_name", FieldKind.String, true),
        ObjectField.Of("display_description", FieldKind.String, true),
        ObjectField.Of("launched_on", FieldKind.String, true),
        ObjectField.Of("locked", FieldKind.Boolean, false),
        ObjectField.EnumOf("locked_by", ["owner", "admin"], true, addedIn: "2.5"),
        ObjectField.Of("os_type", FieldKind.String, true),
        ObjectField.Of("architecture", FieldKind.String, true),
        ObjectField.Of("vm_mode", FieldKind.String, true),
        ObjectField.Of("access_ip_v4", FieldKind.IPv4, true),
        ObjectField.Of("access_ip_v6", FieldKind.IPv6, true),
        ObjectField.Of("config_drive", FieldKind.String, true),
        ObjectField.Of("created_at", FieldKind.DateTime, true),
        ObjectField.Of("updated_at", FieldKind.DateTime, true),
        ObjectField.Of("deleted_at", FieldKind.DateTime, true),
        ObjectField.Of("deleted", FieldKind.Boolean, false),
        ObjectField.Of("cell_name", FieldKind.String, true),
        ObjectField.Of("progress", FieldKind.Integer, true),
        ObjectField.Of("shutdown_terminate", FieldKind.Boolean, false),
        ObjectField.Of("cleaned", FieldKind.Boolean, false, addedIn: "2.3"),
        ObjectField.Of("root_device_name", FieldKind.String, true),
        ObjectField.Of("default_ephemeral_device", FieldKind.String, true),
        ObjectField.Of("default_swap_device", FieldKind.String, true),
        ObjectField.Of("system_metadata", FieldKind.StringDict, false),
        ObjectField.Of("metadata", FieldKind.StringDict, false),
        ObjectField.Nested("flavor", "Flavor", false, ("2.0", "1.0"), ("2.2", "1.1"), ("2.6", "1.2")),
        ObjectField.Nested("security_groups", "SecurityGroupList", true, ("2.1", "1.0"), ("2.4", "1.1")),
        ObjectField.Of("ephemeral_key_uuid", FieldKind.Uuid, true, addedIn: "2.7"),
    ], s => new Instance(s), ["uuid", "id"]);

    public long Id
    {
        get => GetInteger(IdField)!.Value;
        set => SetInteger(IdField, value);
    }

    public string Uuid
    {
        get => GetString(UuidField)!;
        set => SetString(UuidField, value);
    }

    public string? UserId
    {
        get => GetString(UserIdField);
        set => SetString(UserIdField, value);
    }

    public string? ProjectId
    {
        get => GetString(ProjectIdField);
        set => SetString(ProjectIdField, value);
    }

    public string? ImageRef
    {
        get => GetString(ImageRefField);
        set => SetString(ImageRefField, value);
    }

    public string? KernelId
    {
        get => GetString(KernelIdField);
        set => SetString(KernelIdField, value);
    }

    public string? RamdiskId
    {
        get => GetString(RamdiskIdField);
        set => SetString(RamdiskIdField, value);
    }

    public string? Hostname
    {
        get => GetString(HostnameField);
        set => SetString(HostnameField, value);
    }

    public long? LaunchIndex
    {
        get => GetInteger(LaunchIndexField);
        set => SetInteger(LaunchIndexField, value);
    }

    public string? KeyName
    {
        get => GetString(KeyNameField);
        set => SetString(KeyNameField, value);
    }

    public string? KeyData
    {
        get => GetString(KeyDataField);
        set => SetString(KeyDataField, value);
    }

    public long? PowerState
    {
        get => GetInteger(PowerStateField);
        set => SetInteger(PowerStateField, value);
    }

    public string? VmState
    {
        get => GetString(VmStateField);
        set => SetString(VmStateField, value);
    }

    public string? TaskState
    {
        get => GetString(TaskStateField);
        set => SetString(TaskStateField, value);
    }

    public long? MemoryMb
    {
        get => GetInteger(MemoryMbField);
        set => SetInteger(MemoryMbField, value);
    }

    public long? Vcpus
    {
        get => GetInteger(VcpusField);
        set => SetInteger(VcpusField, value);
    }

    public long? RootGb
    {
        get => GetInteger(RootGbField);
        set => SetInteger(RootGbField, value);
    }

    public long? EphemeralGb
    {
        get => GetInteger(EphemeralGbField);
        set => SetInteger(EphemeralGbField, value);
    }

    public string? Host
    {
        get => GetString(HostField);
        set => SetString(HostField, value);
    }

    public string? Node
    {
        get => GetString(NodeField);
        set => SetString(NodeField, value);
    }

    public long? InstanceTypeId
    {
        get => GetInteger(InstanceTypeIdField);
        set => SetInteger(InstanceTypeIdField, value);
    }

    public string? UserData
    {
        get => GetString(UserDataField);
        set => SetString(UserDataField, value);
    }

    public string? ReservationId
    {
        get => GetString(ReservationIdField);
        set => SetString(ReservationIdField, value);
    }

    public DateTime? LaunchedAt
    {
        get => GetDateTime(LaunchedAtField);
        set => SetDateTime(LaunchedAtField, value);
    }

    public DateTime? TerminatedAt
    {
        get => GetDateTime(TerminatedAtField);
        set => SetDateTime(TerminatedAtField, value);
    }

    public string? AvailabilityZone
    {
        get => GetString(AvailabilityZoneField);
        set => SetString(AvailabilityZoneField, value);
    }

    public string? DisplayName
    {
        get => GetString(DisplayNameField);
        set => SetString(DisplayNameField, value);
    }

    public string? DisplayDescription
    {
        get => GetString(DisplayDescriptionField);
        set => SetString(DisplayDescriptionField, value);
    }

    public string? LaunchedOn
    {
        get => GetString(LaunchedOnField);
        set => SetString(LaunchedOnField, value);
    }

    public bool Locked
    {
        get => GetBoolean(LockedField)!.Value;
        set => SetBoolean(LockedField, value);
    }

    public string? LockedBy
    {
        get => GetString(LockedByField);
        set => SetString(LockedByField, value);
    }

    public string? OsType
    {
        get => GetString(OsTypeField);
        set => SetString(OsTypeField, value);
    }

    public string? Architecture
    {
        get => GetString(ArchitectureField);
        set => SetString(ArchitectureField, value);
    }

    public string? VmMode
    {
        get => GetString(VmModeField);
        set => SetString(VmModeField, value);
    }

    public IPAddress? AccessIpV4
    {
        get => GetAddress(AccessIpV4Field);
        set => SetAddress(AccessIpV4Field, value);
    }

    public IPAddress? AccessIpV6
    {
        get => GetAddress(AccessIpV6Field);
        set => SetAddress(AccessIpV6Field, value);
    }

    public string? ConfigDrive
    {
        get => GetString(ConfigDriveField);
        set => SetString(ConfigDriveField, value);
    }

    public DateTime? CreatedAt
    {
        get => GetDateTime(CreatedAtField);
        set => SetDateTime(CreatedAtField, value);
    }

    public DateTime? UpdatedAt
    {
        get => GetDateTime(UpdatedAtField);
        set => SetDateTime(UpdatedAtField, value);
    }

    public DateTime? DeletedAt
    {
        get => GetDateTime(DeletedAtField);
        set => SetDateTime(DeletedAtField, value);
    }

    public bool Deleted
    {
        get => GetBoolean(DeletedField)!.Value;
        set => SetBoolean(DeletedField, value);
    }

    public string? CellName
    {
        get => GetString(CellNameField);
        set => SetString(CellNameField, value);
    }

    public long? Progress
    {
        get => GetInteger(ProgressField);
        set => SetInteger(ProgressField, value);
    }

    public bool ShutdownTerminate
    {
        get => GetBoolean(ShutdownTerminateField)!.Value;
        set => SetBoolean(ShutdownTerminateField, value);
    }

    public bool Cleaned
    {
        get => GetBoolean(CleanedField)!.Value;
        set => SetBoolean(CleanedField, value);
    }

    public string? RootDeviceName
    {
        get => GetString(RootDeviceNameField);
        set => SetString(RootDeviceNameField, value);
    }

    public string? DefaultEphemeralDevice
    {
        get => GetString(DefaultEphemeralDeviceField);
        set => SetString(DefaultEphemeralDeviceField, value);
    }

    public string? DefaultSwapDevice
    {
        get => GetString(DefaultSwapDeviceField);
        set => SetString(DefaultSwapDeviceField, value);
    }

    public IReadOnlyDictionary<string, string> SystemMetadata
    {
        get => GetDictionary(SystemMetadataField)!;
        set => SetDictionary(SystemMetadataField, value);
    }

    public IReadOnlyDictionary<string, string> Metadata
    {
        get => GetDictionary(MetadataField)!;
        set => SetDictionary(MetadataField, value);
    }

    public Flavor Flavor
    {
        get => GetObject<Flavor>(FlavorField)!;
        set => SetObject(FlavorField, value);
    }

    public SecurityGroupList? SecurityGroups
    {
        get => GetObject<SecurityGroupList>(SecurityGroupsField);
        set => SetObject(SecurityGroupsField, value);
    }

    public string? EphemeralKeyUuid
    {
        get => GetString(EphemeralKeyUuidField);
        set => SetString(EphemeralKeyUuidField, value);
    }
}
