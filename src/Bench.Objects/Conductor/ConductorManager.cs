using System.Buffers;
using System.Text.Json;
using Bench.Objects.Model;
using Bench.Rpc;
using Bench.Rpc.Dispatch;
using Bench.Rpc.Wire;

namespace Bench.Objects.Conductor;

/// <summary>
/// Nova's conductor (ConductorManager, RPC API 3.0) for objects: object_class_action_versions runs a remotable class
/// method and returns its object backported to the caller's version manifest; object_action runs an object method
/// and returns [updates, result] (the fields it changed and the caller's new changed set); object_backport_versions
/// backports a primitive. Bad input becomes the remote error Nova would raise (oslo.versionedobjects' exceptions for
/// bad primitives), never a dead worker.
/// </summary>
public sealed class ConductorManager(ObjectRegistry registry, InstanceStore store, RemotableMethods methods) : Manager
{
    public override string RpcApiVersion => "3.0";

    public ObjectRegistry Registry => registry;

    public InstanceStore Store => store;

    public async ValueTask<RawJson> ObjectClassActionVersions(RequestContext? context, string objname, string objmethod, RawJson objectVersions, RawJson args, RawJson kwargs, CancellationToken cancellationToken)
    {
        try
        {
            var manifest = ReadManifest(objectVersions);
            // nova: objver = object_versions[objname]; cls = obj_class_from_name(objname, objver)
            if (!manifest.TryGetValue(objname, out var objver))
            {
                throw RpcErrors.FromException(new KeyNotFoundException("'" + objname + "'"));
            }

            registry.Resolve(objname, objver, out _);
            var action = methods.ClassAction(objname, objmethod);
            var result = await action(new ObjectContext(registry, context, store), new RemoteArgs(args.Utf8, kwargs.Utf8), cancellationToken);
            if (result is null)
            {
                return new RawJson(PythonJson.Null.ToArray());
            }

            // The object goes back in the form the caller knows: its version of this class and of every nested one.
            var output = new ArrayBufferWriter<byte>(4096);
            result.WritePrimitive(output, result.Schema.Name == objname ? objver : manifest.GetValueOrDefault(result.Schema.Name, result.Version.Text), manifest);
            return new RawJson(output.WrittenMemory);
        }
        catch (ObjectModelException e)
        {
            throw ConductorErrors.ToRemote(e);
        }
    }

    public async ValueTask<RawJson> ObjectAction(RequestContext? context, RawJson objinst, string objmethod, RawJson args, RawJson kwargs, CancellationToken cancellationToken)
    {
        try
        {
            var target = registry.FromPrimitive(objinst.Utf8.Span, new ObjectContext(registry, context, store));
            var action = methods.ObjectAction(target.Schema.Name, objmethod);
            var before = target.Clone();
            var result = await action(target, new RemoteArgs(args.Utf8, kwargs.Utf8), cancellationToken);

            // nova: the fields the method changed, as primitives, plus the object's changed set: [updates, result].
            var output = new ArrayBufferWriter<byte>(512);
            output.Write("[{"u8);
            var first = true;
            foreach (var field in target.Schema.All)
            {
                if (!target.IsSet(field.Index) || !target.Differs(before, field.Index))
                {
                    continue;
                }

                if (!first)
                {
                    PythonJson.Separator(output);
                }

                first = false;
                PythonJson.Key(output, field.Utf8Key);
                PrimitiveWriter.WriteField(target, field, output);
            }

            if (!first)
            {
                PythonJson.Separator(output);
            }

            output.Write("\"obj_what_changed\": ["u8);
            var names = target.WhatChanged();
            var n = 0;
            foreach (var field in target.Schema.All)
            {
                if (names.Contains(field.Name))
                {
                    if (n++ > 0)
                    {
                        PythonJson.Separator(output);
                    }

                    PythonJson.String(output, field.Name);
                }
            }

            output.Write("]}, "u8);
            output.Write(result is { } r ? r.Utf8.Span : PythonJson.Null);
            output.Write("]"u8);
            return new RawJson(output.WrittenMemory);
        }
        catch (ObjectModelException e)
        {
            throw ConductorErrors.ToRemote(e);
        }
    }

    public RawJson ObjectBackportVersions(RequestContext? context, RawJson objinst, RawJson objectVersions)
    {
        try
        {
            var manifest = ReadManifest(objectVersions);
            var target = registry.FromPrimitive(objinst.Utf8.Span, new ObjectContext(registry, context, store));
            if (!manifest.TryGetValue(target.Schema.Name, out var version))
            {
                throw RpcErrors.FromException(new KeyNotFoundException("'" + target.Schema.Name + "'"));
            }

            var output = new ArrayBufferWriter<byte>(4096);
            target.WritePrimitive(output, version, manifest);
            return new RawJson(output.WrittenMemory);
        }
        catch (ObjectModelException e)
        {
            throw ConductorErrors.ToRemote(e);
        }
    }

    private static Dictionary<string, string> ReadManifest(RawJson json)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<Dictionary<string, string>>(json.Utf8.Span);
            return manifest ?? throw RpcErrors.TypeError("object_versions must be a dict of object name to version, not None");
        }
        catch (JsonException e)
        {
            throw RpcErrors.TypeError("object_versions must be a dict of object name to version: " + e.Message);
        }
    }
}
