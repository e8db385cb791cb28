using RabbitMQ.Client;

namespace Bench.Rpc;

/// <summary>
/// A worker's soft stop on RabbitMQ.Client: cancel its consumer, so that no new delivery starts, then wait (up to 30 s)
/// while deliveries are still in hand, so that their replies and acks go out before the channel closes.
/// </summary>
internal static class ConsumerDrain
{
    public static async Task CancelAndWaitAsync(IChannel channel, string? consumerTag, Func<bool> inHand)
    {
        try
        {
            if (consumerTag is not null)
            {
                await channel.BasicCancelAsync(consumerTag);
            }

            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (inHand() && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.AlreadyClosedException or OperationCanceledException or IOException)
        {
            // The connection is gone: nothing is in flight on it any more.
        }
    }
}
