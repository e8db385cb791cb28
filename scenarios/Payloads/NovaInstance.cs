namespace Bench.Scenarios.Payloads;

/// <summary>
/// What Nova actually sends over RPC: a versioned object primitive (oslo.versionedobjects) of an Instance, with the
/// usual mix of nullable strings, datetimes, IP addresses, numbers and a nested flavor: about 60 fields, ~2 KiB.
/// The asset (scenarios/assets/nova-instance.json) is shared with the serialization benchmarks.
/// </summary>
internal static class NovaInstance
{
    public static string Json { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "assets", "nova-instance.json"));
}
