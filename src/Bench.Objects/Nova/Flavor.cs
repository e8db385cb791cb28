using System.Net;
using Bench.Objects.Model;

namespace Bench.Objects.Nova;

/// <summary>An instance's flavor, nested in every Instance. Fields in oslo declaration order (the order of its primitive); see <see cref="Class"/> for versions.</summary>
public sealed partial class Flavor : VersionedObject
{
    private const int IdField = 0;
    private const int NameField = 1;
    private const int MemoryMbField = 2;
    private const int VcpusField = 3;
    private const int RootGbField = 4;
    private const int EphemeralGbField = 5;
    private const int FlavoridField = 6;
    private const int SwapField = 7;
    private const int RxtxFactorField = 8;
    private const int VcpuWeightField = 9;
    private const int DisabledField = 10;
    private const int IsPublicField = 11;
    private const int ExtraSpecsField = 12;

    public Flavor()
        : base(Class)
    {
    }

    internal Flavor(ObjectSchema schema)
        : base(schema)
    {
    }

    /// <summary>Flavor 1.2 in the nova_object namespace.</summary>
    public static ObjectSchema Class { get; } = new(ObjectNamespace.Nova, "Flavor", "1.2",
    [
        ObjectField.Of("id", FieldKind.Integer, false),
        ObjectField.Of("name", FieldKind.String, true),
        ObjectField.Of("memory_mb", FieldKind.Integer, false),
        ObjectField.Of("vcpus", FieldKind.Integer, false),
        ObjectField.Of("root_gb", FieldKind.Integer, false),
        ObjectField.Of("ephemeral_gb", FieldKind.Integer, false),
        ObjectField.Of("flavorid", FieldKind.String, false),
        ObjectField.Of("swap", FieldKind.Integer, false),
        ObjectField.Of("rxtx_factor", FieldKind.Float, false),
        ObjectField.Of("vcpu_weight", FieldKind.Integer, true),
        ObjectField.Of("disabled", FieldKind.Boolean, false, addedIn: "1.1"),
        ObjectField.Of("is_public", FieldKind.Boolean, false),
        ObjectField.Of("extra_specs", FieldKind.StringDict, false, addedIn: "1.2"),
    ], s => new Flavor(s), ["id"]);

    public long Id
    {
        get => GetInteger(IdField)!.Value;
        set => SetInteger(IdField, value);
    }

    public string? Name
    {
        get => GetString(NameField);
        set => SetString(NameField, value);
    }

    public long MemoryMb
    {
        get => GetInteger(MemoryMbField)!.Value;
        set => SetInteger(MemoryMbField, value);
    }

    public long Vcpus
    {
        get => GetInteger(VcpusField)!.Value;
        set => SetInteger(VcpusField, value);
    }

    public long RootGb
    {
        get => GetInteger(RootGbField)!.Value;
        set => SetInteger(RootGbField, value);
    }

    public long EphemeralGb
    {
        get => GetInteger(EphemeralGbField)!.Value;
        set => SetInteger(EphemeralGbField, value);
    }

    public string Flavorid
    {
        get => GetString(FlavoridField)!;
        set => SetString(FlavoridField, value);
    }

    public long Swap
    {
        get => GetInteger(SwapField)!.Value;
        set => SetInteger(SwapField, value);
    }

    public double RxtxFactor
    {
        get => GetFloat(RxtxFactorField)!.Value;
        set => SetFloat(RxtxFactorField, value);
    }

    public long? VcpuWeight
    {
        get => GetInteger(VcpuWeightField);
        set => SetInteger(VcpuWeightField, value);
    }

    public bool Disabled
    {
        get => GetBoolean(DisabledField)!.Value;
        set => SetBoolean(DisabledField, value);
    }

    public bool IsPublic
    {
        get => GetBoolean(IsPublicField)!.Value;
        set => SetBoolean(IsPublicField, value);
    }

    public IReadOnlyDictionary<string, string> ExtraSpecs
    {
        get => GetDictionary(ExtraSpecsField)!;
        set => SetDictionary(ExtraSpecsField, value);
    }
}
