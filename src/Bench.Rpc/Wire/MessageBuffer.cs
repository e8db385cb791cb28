using System.Buffers;
using System.Collections.Concurrent;

namespace Bench.Rpc.Wire;

/// <summary>
/// A pooled pair of buffers for building one message (the body, and scratch for the inner message before it is
/// wrapped). Returned only after the publish that reads <see cref="Body"/> has completed.
/// </summary>
internal sealed class MessageBuffer
{
    private const int MaxPooledBytes = 1 << 20;
    private static readonly ConcurrentQueue<MessageBuffer> s_pool = new();

    public ArrayBufferWriter<byte> Body { get; } = new(1024);

    public ArrayBufferWriter<byte> Scratch { get; } = new(1024);

    public static MessageBuffer Rent() => s_pool.TryDequeue(out var buffer) ? buffer : new MessageBuffer();

    public void Return()
    {
        // A rare huge message should not pin its buffers forever.
        if (Body.Capacity > MaxPooledBytes || Scratch.Capacity > MaxPooledBytes)
        {
            return;
        }

        Body.ResetWrittenCount();
        Scratch.ResetWrittenCount();
        s_pool.Enqueue(this);
    }
}
