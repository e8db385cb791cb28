using System.Text;
using Bench.Harness.Workers;

namespace Bench.Harness.Tests;

/// <summary>
/// The cast ledger: each worker process writes every delivery's unique id to its own file, and the run counts them
/// across files — unique deliveries, redeliveries, duplicates and the lost — while the writers still have them open.
/// </summary>
public sealed class CastLedgerFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bench-ledger-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Deliveries_are_counted_by_unique_id_across_every_process()
    {
        using var first = new CastLedgerFile(Path.Combine(_directory, "100.ledger"));
        using var second = new CastLedgerFile(Path.Combine(_directory, "200.ledger"));
        first.Record(Id("a"), redelivered: false);
        first.Record(Id("b"), redelivered: false);
        first.Record(Id("c"), redelivered: false);
        second.Record(Id("c"), redelivered: true); // the killed worker's unacknowledged cast, delivered again
        second.Record(Id("d"), redelivered: false);

        var ledger = CastLedgerFile.Read(_directory, sent: 5);

        Assert.Equal((5L, 4L, 1L, 1L, 1L), (ledger.Sent, ledger.ReceivedUnique, ledger.Redelivered, ledger.Duplicates, ledger.Lost));
    }

    [Fact]
    public void An_empty_ledger_directory_has_lost_everything_sent()
    {
        var ledger = CastLedgerFile.Read(_directory, sent: 3);

        Assert.Equal((0L, 0L, 3L), (ledger.ReceivedUnique, ledger.Duplicates, ledger.Lost));
    }

    [Fact]
    public void Ids_longer_than_an_entry_are_told_apart_by_their_first_32_bytes()
    {
        using (var ledger = new CastLedgerFile(Path.Combine(_directory, "1.ledger")))
        {
            ledger.Record(Encoding.ASCII.GetBytes(new string('x', 32) + "-one"), redelivered: false);
            ledger.Record(Encoding.ASCII.GetBytes(new string('x', 32) + "-two"), redelivered: false);
        }

        Assert.Equal((1L, 1L), (CastLedgerFile.Read(_directory, sent: 2).ReceivedUnique, CastLedgerFile.Read(_directory, sent: 2).Duplicates));
    }

    private static byte[] Id(string name) => Encoding.ASCII.GetBytes(name.PadRight(32, '0'));
}
