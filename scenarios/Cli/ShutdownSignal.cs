using System.Runtime.InteropServices;

namespace Bench.Scenarios.Cli;

/// <summary>
/// Turns SIGTERM and Ctrl-C (SIGINT) into a cancellation instead of an abrupt exit, so commands can shut down
/// softly: drain in-flight work, write results, stop private brokers.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _interrupt;

    public ShutdownSignal()
    {
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    }

    public CancellationToken Token => _cts.Token;

    /// <summary>Which signal arrived first, if any.</summary>
    public PosixSignal? Received { get; private set; }

    public void Dispose()
    {
        _term.Dispose();
        _interrupt.Dispose();
        _cts.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Received ??= context.Signal;
        _cts.Cancel();
    }
}
