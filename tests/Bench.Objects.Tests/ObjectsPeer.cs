using System.Text;
using System.Text.Json;
using Bench.Testing;

namespace Bench.Objects.Tests;

/// <summary>Runs scripts/peers/oslo/objects_peer.py (the real oslo.versionedobjects) for the interop tests.</summary>
internal static class ObjectsPeer
{
    public static async Task<string> DumpAsync(string name, string? target = null, string? manifest = null)
    {
        var arguments = new List<string> { "dump", name, target ?? "-" };
        if (manifest is not null)
        {
            arguments.Add(manifest);
        }

        return (await PeerProcess.RunAsync("oslo/objects_peer.py", arguments)).Single();
    }

    /// <summary>What oslo makes of each primitive: {ok, name, version, changes, primitive} or {ok: false, type, message}.</summary>
    public static async Task<JsonElement[]> ReadAsync(IEnumerable<string> primitives)
    {
        var file = Path.Combine(Path.GetTempPath(), "bench-objects-" + Guid.NewGuid().ToString("N") + ".jsonl");
        await File.WriteAllTextAsync(file, string.Join('\n', primitives) + "\n", new UTF8Encoding(false));
        try
        {
            var lines = await PeerProcess.RunAsync("oslo/objects_peer.py", ["read", file]);
            return [.. lines.Select(l => JsonDocument.Parse(l).RootElement.Clone())];
        }
        finally
        {
            File.Delete(file);
        }
    }
}
