namespace Bench.Rpc;

/// <summary>
/// A TLS connection to a broker was refused on our side: the peer's certificate is not trusted or does not name the
/// host, or the CA file is unusable. <see cref="Exception.Message"/> is one line for a user ("TLS: certificate for
/// 127.0.0.1 not trusted: …"), with no stack trace needed to understand it and no credentials in it.
/// </summary>
public sealed class AmqpTlsException : Exception
{
    public AmqpTlsException(string message)
        : base(message)
    {
    }

    public AmqpTlsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// The TLS failure behind a failed connection attempt, wherever the client library wrapped it
    /// (BrokerUnreachableException → AggregateException → AuthenticationException → ours), or null when the
    /// connection failed for another reason.
    /// </summary>
    public static AmqpTlsException? Find(Exception? exception)
    {
        var pending = new Stack<Exception>();
        if (exception is not null)
        {
            pending.Push(exception);
        }

        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current is AmqpTlsException tls)
            {
                return tls;
            }

            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (current.InnerException is not null)
            {
                pending.Push(current.InnerException);
            }
        }

        return null;
    }
}
