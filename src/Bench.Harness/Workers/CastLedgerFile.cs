using System.IO.MemoryMappedFiles;
using Bench.Reporting;

namespace Bench.Harness.Workers;

/// <summary>
/// A worker's record of every cast it was delivered (unique id and redelivered flag), in a memory-mapped file: a
/// SIGKILLed worker loses none of it (the pages belong to the kernel's page cache), so the parent can count casts
/// lost, duplicated and redelivered across every incarnation of its workers. One file per worker process; written
/// only by the consumer loop. Entries are 32 id bytes and a flag byte after an 8-byte count.
/// </summary>
public sealed class CastLedgerFile : IDisposable
{
    public const string EnvironmentVariable = "BENCH_CAST_LEDGER_DIR";
    private const int IdLength = 32;
    private const int EntryLength = IdLength + 1;
    private const long Capacity = 8L << 20; // 254k casts a process: ample for a fault run; beyond it casts go uncounted
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte[] _entry = new byte[EntryLength];
    private long _count;

    public CastLedgerFile(string path)
    {
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.CreateNew, null, Capacity, MemoryMappedFileAccess.ReadWrite);
        _view = _file.CreateViewAccessor();
    }

    public void Record(ReadOnlySpan<byte> uniqueId, bool redelivered)
    {
        var offset = 8 + (_count * EntryLength);
        if (offset + EntryLength > Capacity)
        {
            return;
        }

        Array.Clear(_entry);
        uniqueId[..Math.Min(IdLength, uniqueId.Length)].CopyTo(_entry);
        _entry[IdLength] = redelivered ? (byte)1 : (byte)0;
        _view.WriteArray(offset, _entry, 0, EntryLength);
        _view.Write(0, ++_count); // the count last: a reader never sees a half-written entry counted
    }

    public void Dispose()
    {
        _view.Dispose();
        _file.Dispose();
    }

    /// <summary>Counts every ledger in <paramref name="directory"/> against <paramref name="sent"/>.</summary>
    public static CastLedgerRecord Read(string directory, long sent)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = 0, redelivered = 0;
        foreach (var path in Directory.EnumerateFiles(directory, "*.ledger"))
        {
            var bytes = File.ReadAllBytes(path);
            var count = bytes.Length >= 8 ? BitConverter.ToInt64(bytes, 0) : 0;
            for (long i = 0; i < count; i++)
            {
                var offset = (int)(8 + (i * EntryLength));
                seen.Add(Convert.ToHexString(bytes, offset, IdLength));
                redelivered += bytes[offset + IdLength];
                total++;
            }
        }

        return new CastLedgerRecord { Sent = sent, ReceivedUnique = seen.Count, Redelivered = redelivered, Duplicates = total - seen.Count };
    }
}
