namespace Bench.Broker;

/// <summary>How a <see cref="ChildProcess"/> is asked to stop before it is killed.</summary>
public enum ChildStop
{
    /// <summary>SIGTERM (a `bench worker`'s soft shutdown, a Celery worker's warm shutdown).</summary>
    Terminate,

    /// <summary>Close its stdin (the test peers stop when it closes).</summary>
    CloseInput,
}
