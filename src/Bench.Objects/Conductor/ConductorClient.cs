using System.Buffers;
using System.Text.Json;
using Bench.Objects.Model;
using Bench.Rpc;
using Bench.Rpc.Wire;

namespace Bench.Objects.Conductor;

/// <summary>
/// The indirection API over Bench's RPC client (oslo's VersionedObjectIndirectionAPI, as Nova's conductor rpcapi
/// implements it): remotable class methods go out as object_class_action_versions with this side's version manifest,
/// object methods as object_action with the object's changes, and a reply newer than this side knows is sent back
/// through object_backport_versions, as a compute node does against a newer conductor.
/// </summary>
public sealed class ConductorClient(RpcClient client, Target target, TimeSpan timeout = default)
{
    /// <summary>Nova's conductor RPC API version.</summary>
    public const string ApiVersion = "3.0";

    public RpcClient Client { get; } = client;

    public Target Target { get; } = target.Version is null ? target with { Version = ApiVersion } : target;

    /// <summary>Backports asked for (replies newer than the caller's registry knows).</summary>
    public long Backports => Interlocked.Read(ref _backports);

    private long _backports;

    public async ValueTask<ObjectCallResult<T>> ClassActionAsync<T>(ObjectContext context, string objname, string objmethod, ReadOnlyMemory<byte> argsJson, ReadOnlyMemory<byte> kwargsJson, CancellationToken cancellationToken = default)
        where T : VersionedObject
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = new ArrayBufferWriter<byte>(256);
        body.Write("{\"objname\": "u8);
        PythonJson.String(body, objname);
        body.Write(", \"objmethod\": "u8);
        PythonJson.String(body, objmethod);
        body.Write(", \"object_versions\": "u8);
        body.Write(context.Registry.ManifestJson(objname).Span);
        WriteArgs(body, argsJson, kwargsJson);
        var call = await Client.TryCallAsync(Target, "object_class_action_versions", new RpcArgs(body.WrittenMemory), timeout, context.Request, cancellationToken: cancellationToken);
        if (!call.IsOk)
        {
            return ObjectCallResult<T>.Failed(call.Outcome, call.Error);
        }

        return await ReadObjectAsync<T>(context, call.Result, objname, cancellationToken);
    }

    /// <summary>
    /// object_action: sends the object (its changed fields and identity: what the save needs), then applies the reply's
    /// updates and changed set to <paramref name="obj"/>, as oslo's remotable wrapper does. Returns the method's result.
    /// </summary>
    public async ValueTask<ObjectCallResult<RawJson>> ObjectActionAsync(VersionedObject obj, string objmethod, ReadOnlyMemory<byte> argsJson, ReadOnlyMemory<byte> kwargsJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var context = obj.Context ?? throw ObjectErrors.OrphanedObjectError(objmethod, obj.Schema.Name);
        var body = new ArrayBufferWriter<byte>(1024);
        body.Write("{\"objinst\": "u8);
        PrimitiveWriter.WriteChanges(obj, body);
        body.Write(", \"objmethod\": "u8);
        PythonJson.String(body, objmethod);
        WriteArgs(body, argsJson, kwargsJson);
        var call = await Client.TryCallAsync(Target, "object_action", new RpcArgs(body.WrittenMemory), timeout, context.Request, cancellationToken: cancellationToken);
        if (!call.IsOk)
        {
            return ObjectCallResult<RawJson>.Failed(call.Outcome, call.Error);
        }

        try
        {
            return ObjectCallResult<RawJson>.Ok(ApplyActionReply(context, obj, call.Result.Span));
        }
        catch (ObjectModelException e)
        {
            return ObjectCallResult<RawJson>.Refused(e);
        }
    }

    /// <summary>object_backport_versions: the conductor rewrites a primitive in the versions this side's registry knows.</summary>
    public async ValueTask<ObjectCallResult<T>> BackportAsync<T>(ObjectContext context, ReadOnlyMemory<byte> primitive, string objname, CancellationToken cancellationToken = default)
        where T : VersionedObject
    {
        ArgumentNullException.ThrowIfNull(context);
        Interlocked.Increment(ref _backports);
        var body = new ArrayBufferWriter<byte>(primitive.Length + 256);
        body.Write("{\"objinst\": "u8);
        body.Write(primitive.Span);
        body.Write(", \"object_versions\": "u8);
        body.Write(context.Registry.ManifestJson(objname).Span);
        body.Write("}"u8);
        var call = await Client.TryCallAsync(Target, "object_backport_versions", new RpcArgs(body.WrittenMemory), timeout, context.Request, cancellationToken: cancellationToken);
        if (!call.IsOk)
        {
            return ObjectCallResult<T>.Failed(call.Outcome, call.Error);
        }

        try
        {
            return ObjectCallResult<T>.Ok(context.Registry.FromPrimitive<T>(call.Result.Span, context));
        }
        catch (ObjectModelException e)
        {
            return ObjectCallResult<T>.Refused(e);
        }
    }

    /// <summary>The remotable method's args and kwargs, closing the request's kwargs ("[]" and "{}" when none).</summary>
    private static void WriteArgs(ArrayBufferWriter<byte> body, ReadOnlyMemory<byte> argsJson, ReadOnlyMemory<byte> kwargsJson)
    {
        body.Write(", \"args\": "u8);
        body.Write(argsJson.IsEmpty ? "[]"u8 : argsJson.Span);
        body.Write(", \"kwargs\": "u8);
        body.Write(kwargsJson.IsEmpty ? "{}"u8 : kwargsJson.Span);
        body.Write("}"u8);
    }

    private async ValueTask<ObjectCallResult<T>> ReadObjectAsync<T>(ObjectContext context, ReadOnlyMemory<byte> result, string objname, CancellationToken cancellationToken)
        where T : VersionedObject
    {
        if (result.Span.Trim(" \t\r\n"u8).SequenceEqual(PythonJson.Null))
        {
            return ObjectCallResult<T>.Ok(null);
        }

        try
        {
            return ObjectCallResult<T>.Ok(context.Registry.FromPrimitive<T>(result.Span, context));
        }
        catch (ObjectModelException e) when (e.PythonClass == "IncompatibleObjectVersion")
        {
            // VersionedObjectSerializer._process_object: a newer object than this side knows is backported by the conductor.
            return await BackportAsync<T>(context, result, objname, cancellationToken);
        }
        catch (ObjectModelException e)
        {
            return ObjectCallResult<T>.Refused(e);
        }
    }

    private static RawJson ApplyActionReply(ObjectContext context, VersionedObject obj, ReadOnlySpan<byte> reply)
    {
        var reader = new Utf8JsonReader(reply);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !reader.Read())
            {
                throw new ObjectModelException("ValueError", "builtins", "an object_action reply is [updates, result]");
            }

            PrimitiveReader.ApplyUpdates(context.Registry, obj, ref reader, context);
            if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
            {
                return new RawJson(PythonJson.Null.ToArray());
            }

            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            return new RawJson(reply[start..(int)reader.BytesConsumed].ToArray());
        }
        catch (JsonException e)
        {
            throw new ObjectModelException("ValueError", "builtins", "malformed object_action reply: " + e.Message);
        }
    }
}
