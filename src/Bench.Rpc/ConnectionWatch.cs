using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Bench.Rpc;

/// <summary>
/// Follows one connection through loss and recovery (RabbitMQ.Client's automatic recovery reconnects, with
/// <see cref="AmqpConnector"/>'s interval, and redeclares the topology it recorded, consumers included). It tells its
/// owner at once when the connection is lost (so calls in flight end as transport errors instead of at their timeout),
/// lets callers wait, bounded, until it is back (so a closed-model user does not spin on a dead connection), and says
/// when a queue came back under a new name. While up, <see cref="IsUp"/> is one volatile read: nothing per request.
/// </summary>
public sealed class ConnectionWatch
{
    private readonly IConnection _connection;
    private readonly string _clientName;
    private readonly ILogger _logger;
    private readonly Action? _onLost;
    private readonly Lock _lock = new();
    private TaskCompletionSource? _down;
    private long _losses;
    private long _recoveries;
    private long _lostAt;
    private long _blockedCount;
    private int _blocked;

    public ConnectionWatch(IConnection connection, string clientName, ILogger logger, Action? onLost = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _clientName = clientName;
        _logger = logger;
        _onLost = onLost;
        connection.ConnectionShutdownAsync += (_, e) =>
        {
            if (e.Initiator != ShutdownInitiator.Application)
            {
                MarkLost();
            }

            return Task.CompletedTask;
        };
        connection.RecoverySucceededAsync += (_, _) =>
        {
            MarkRecovered();
            return Task.CompletedTask;
        };
        connection.QueueNameChangedAfterRecoveryAsync += (_, e) =>
        {
            // A server-named (or exclusive) queue died with the connection; the redeclared one has a new name.
            _logger.LogWarning("{Client}: queue {Old} was lost with the connection; it is now {New}", _clientName, e.NameBefore, e.NameAfter);
            if (e.NameBefore == ReplyQueue)
            {
                ReplyQueue = e.NameAfter;
            }

            return Task.CompletedTask;
        };
        connection.ConnectionBlockedAsync += (_, e) =>
        {
            Interlocked.Increment(ref _blockedCount);
            Volatile.Write(ref _blocked, 1);
            _logger.LogWarning("{Client}: the broker blocked publishing ({Reason})", _clientName, e.Reason);
            return Task.CompletedTask;
        };
        connection.ConnectionUnblockedAsync += (_, _) =>
        {
            Volatile.Write(ref _blocked, 0);
            _logger.LogInformation("{Client}: the broker unblocked publishing", _clientName);
            return Task.CompletedTask;
        };
    }

    /// <summary>The owner's reply queue, kept current when recovery has to rename it (a server-named queue comes back under a new name).</summary>
    public string? ReplyQueue { get; set; }

    /// <summary>
    /// Awaited after a recovery, before the connection counts as up again: a client waits here until the servers it
    /// calls consume their queues once more. A restarted node comes back without non-durable queues (oslo's default)
    /// until each server declares its own again, and a call published before then is unroutable and silently dropped:
    /// it would time out, so recovery would take as long as the call timeout. Meanwhile callers wait (bounded), as
    /// while the connection is down.
    /// </summary>
    public Func<CancellationToken, Task>? BeforeUp { get; set; }

    public bool IsUp => Volatile.Read(ref _down) is null;

    /// <summary>True while the broker has the connection blocked (connection.blocked, e.g. a memory alarm).</summary>
    public bool IsBlocked => Volatile.Read(ref _blocked) != 0;

    /// <summary>How often the connection was lost.</summary>
    public long Losses => Interlocked.Read(ref _losses);

    public long Recoveries => Interlocked.Read(ref _recoveries);

    /// <summary>How often the broker sent connection.blocked.</summary>
    public long BlockedCount => Interlocked.Read(ref _blockedCount);

    /// <summary>Waits until the connection is up or <paramref name="bound"/> passes; true when it is up.</summary>
    public async ValueTask<bool> WaitUpAsync(TimeSpan bound, CancellationToken cancellationToken = default)
    {
        var down = Volatile.Read(ref _down);
        if (down is null)
        {
            return true;
        }

        try
        {
            await down.Task.WaitAsync(bound, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return IsUp;
        }
    }

    private void MarkLost()
    {
        lock (_lock)
        {
            if (_down is not null)
            {
                return;
            }

            Volatile.Write(ref _down, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            Interlocked.Increment(ref _losses);
            _lostAt = Stopwatch.GetTimestamp();
        }

        _onLost?.Invoke();
    }

    private void MarkRecovered()
    {
        var recovery = Interlocked.Increment(ref _recoveries);
        Volatile.Write(ref _blocked, 0);
        if (BeforeUp is { } ready)
        {
            // Not on RabbitMQ.Client's event loop: the wait makes calls on this very connection.
            _ = Task.Run(() => ReadyThenUpAsync(ready, recovery));
        }
        else
        {
            MarkUp();
        }
    }

    private async Task ReadyThenUpAsync(Func<CancellationToken, Task> ready, long recovery)
    {
        try
        {
            await ready(CancellationToken.None);
        }
        catch (Exception e)
        {
            _logger.LogWarning("{Client}: after recovery, the wait for servers failed ({Error}); sending again", _clientName, e.Message);
        }

        // Lost again meanwhile (a loss while still down is not counted as a new one, so ask the connection), or
        // recovered again: that loss or recovery decides.
        if (_connection.IsOpen && Recoveries == recovery)
        {
            MarkUp();
        }
    }

    private void MarkUp()
    {
        TaskCompletionSource? down;
        long lostAt;
        lock (_lock)
        {
            down = _down;
            lostAt = _lostAt;
            Volatile.Write(ref _down, null);
        }

        _logger.LogInformation("{Client}: connection recovered after {Seconds:0.0} s (topology and consumers redeclared)",
            _clientName, lostAt == 0 ? 0 : Stopwatch.GetElapsedTime(lostAt).TotalSeconds);
        down?.TrySetResult();
    }
}
