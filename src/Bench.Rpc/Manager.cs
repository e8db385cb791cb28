namespace Bench.Rpc;

/// <summary>
/// The user's class of RPC methods, hosted by a <see cref="Server.Service"/> (Nova's manager). Every public instance
/// method declared on a subclass is callable by its snake_case name (or its <see cref="Dispatch.RpcMethodAttribute"/>
/// name); parameters bind by name from the call's args; a <see cref="RequestContext"/>, CancellationToken or
/// <see cref="CallerTimeout"/> parameter is filled from the call.
/// </summary>
public abstract class Manager
{
    /// <summary>oslo Target.namespace this manager serves; null is the default namespace.</summary>
    public virtual string? RpcNamespace => null;

    /// <summary>oslo Target.version this manager serves ("major.minor"): requests of the same major and a lower or equal minor are accepted.</summary>
    public virtual string RpcApiVersion => "1.0";

    /// <summary>The host the service runs as; set before <see cref="InitHostAsync"/>.</summary>
    public string Host { get; internal set; } = Environment.MachineName;

    /// <summary>Runs once when the service starts, before it consumes anything (Nova's init_host).</summary>
    public virtual ValueTask InitHostAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
