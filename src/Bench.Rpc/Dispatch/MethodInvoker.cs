using System.Buffers;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using Bench.Rpc.Wire;

namespace Bench.Rpc.Dispatch;

/// <summary>
/// One manager method, bound once at start: its parameters, a pool of argument frames, and a compiled delegate
/// that calls it with typed arguments (no MethodInfo.Invoke, no boxing of numbers) and normalizes every return
/// shape (T, Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;, void) to ValueTask&lt;T&gt;.
/// </summary>
internal abstract class MethodInvoker
{
    private readonly ConcurrentQueue<ArgFrame> _frames = new();
    private readonly FrameLayout _layout;

    protected MethodInvoker(string name, MethodInfo method, ParameterBinding[] parameters, FrameLayout layout)
    {
        Name = name;
        Method = method;
        Parameters = parameters;
        _layout = layout;
        WantsCallerTimeout = Array.Exists(parameters, p => p.Kind == ParameterKind.CallerTimeout);
    }

    public string Name { get; }

    public MethodInfo Method { get; }

    public ParameterBinding[] Parameters { get; }

    public bool WantsContext => Array.Exists(Parameters, p => p.Kind == ParameterKind.Context);

    /// <summary>The method has a <see cref="CallerTimeout"/> parameter: the server sets <see cref="ArgFrame.CallerTimeout"/>.</summary>
    public bool WantsCallerTimeout { get; }

    public static MethodInvoker Create(string name, MethodInfo method)
    {
        var layout = default(FrameLayout);
        var parameters = method.GetParameters().Select((p, i) => new ParameterBinding(p, i, ref layout)).ToArray();
        if (parameters.Length > 64)
        {
            throw new NotSupportedException($"{method.Name}: at most 64 parameters");
        }

        var (resultType, body) = BuildCall(method, parameters, out var manager, out var frame, out var context, out var cancellation);
        var delegateType = typeof(Func<,,,,>).MakeGenericType(typeof(Manager), typeof(ArgFrame), typeof(RequestContext), typeof(CancellationToken), typeof(ValueTask<>).MakeGenericType(resultType));
        var compiled = Expression.Lambda(delegateType, body, manager, frame, context, cancellation).Compile();
        var invokerType = typeof(MethodInvoker<>).MakeGenericType(resultType);
        return (MethodInvoker)Activator.CreateInstance(invokerType, name, method, parameters, layout, compiled)!;
    }

    /// <summary>Binds named JSON arguments into a frame (oslo's call style); on failure returns a TypeError message and no frame.</summary>
    public ArgFrame? TryBind(ReadOnlySpan<byte> argsJson, JsonSerializerOptions options, out string? error) =>
        TryBindPositional(default, argsJson, options, out error);

    /// <summary>Binds positional arguments (a JSON array, as Celery sends them; empty for none) and keyword arguments (an object).</summary>
    public ArgFrame? TryBindPositional(ReadOnlySpan<byte> argsArray, ReadOnlySpan<byte> kwargsObject, JsonSerializerOptions options, out string? error)
    {
        var frame = RentFrame();
        error = null;
        try
        {
            if (!argsArray.IsEmpty)
            {
                var reader = new Utf8JsonReader(argsArray);
                reader.Read();
                var position = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var parameter = NthFromArgs(position++);
                    if (parameter is null)
                    {
                        error = $"{Name}() takes {Parameters.Count(p => p.FromArgs)} positional arguments but {position} or more were given";
                        break;
                    }

                    error = parameter.Read(ref reader, argsArray, frame, Name, options);
                    if (error is not null)
                    {
                        break;
                    }

                    frame.Seen |= 1UL << parameter.Index;
                }
            }

            if (error is null)
            {
                error = BindKeywords(kwargsObject, frame, positional: frame.Seen, options);
            }

            error ??= MissingArguments(frame);
        }
        catch (JsonException e)
        {
            error = "malformed args: " + e.Message;
        }

        if (error is null)
        {
            return frame;
        }

        ReturnFrame(frame);
        return null;
    }

    /// <summary>
    /// Binds a JSON object of keyword arguments into the frame (both call styles end here): an unknown name, a value
    /// already given positionally (bits of <paramref name="positional"/>) or a mistyped value is a TypeError message;
    /// null when all bound. A key repeated inside the object takes its last value, as Python's json.loads does.
    /// </summary>
    private string? BindKeywords(ReadOnlySpan<byte> json, ArgFrame frame, ulong positional, JsonSerializerOptions options)
    {
        if (json.IsEmpty)
        {
            return null;
        }

        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (JsonMembers.Next(ref reader))
        {
            var parameter = Find(ref reader);
            if (parameter is null)
            {
                return $"{Name}() got an unexpected keyword argument '{reader.GetString()}'";
            }

            if ((positional & (1UL << parameter.Index)) != 0)
            {
                return $"{Name}() got multiple values for argument '{parameter.Name}'";
            }

            reader.Read();
            if (parameter.Read(ref reader, json, frame, Name, options) is { } error)
            {
                return error;
            }

            frame.Seen |= 1UL << parameter.Index;
        }

        return null;
    }

    /// <summary>Calls the method with a bound frame (returned to the pool once the method is entered) and writes its result.</summary>
    public abstract ValueTask InvokeAsync(Manager manager, ArgFrame frame, RequestContext? context, IBufferWriter<byte> result, JsonSerializerOptions options, CancellationToken cancellationToken);

    protected void ReturnFrame(ArgFrame frame)
    {
        Array.Clear(frame.Refs); // do not keep argument strings alive in the pool
        frame.Seen = 0;
        frame.CallerTimeout = null;
        _frames.Enqueue(frame);
    }

    private ArgFrame RentFrame()
    {
        if (!_frames.TryDequeue(out var frame))
        {
            frame = new ArgFrame(_layout);
        }

        foreach (var parameter in Parameters)
        {
            parameter.SetDefault(frame);
        }

        return frame;
    }

    private ParameterBinding? Find(ref Utf8JsonReader reader)
    {
        foreach (var parameter in Parameters)
        {
            if (parameter.FromArgs && (reader.ValueTextEquals(parameter.Utf8Name) || reader.ValueTextEquals(parameter.Utf8ClrName)))
            {
                return parameter;
            }
        }

        return null;
    }

    private ParameterBinding? NthFromArgs(int position)
    {
        foreach (var parameter in Parameters)
        {
            if (parameter.FromArgs && position-- == 0)
            {
                return parameter;
            }
        }

        return null;
    }

    private string? MissingArguments(ArgFrame frame)
    {
        List<string>? missing = null;
        foreach (var parameter in Parameters)
        {
            if (parameter.FromArgs && parameter.Required && (frame.Seen & (1UL << parameter.Index)) == 0)
            {
                (missing ??= []).Add("'" + parameter.Name + "'");
            }
        }

        return missing is null
            ? null
            : $"{Name}() missing {missing.Count} required positional argument{(missing.Count > 1 ? "s" : string.Empty)}: {string.Join(" and ", missing)}";
    }

    private static (Type ResultType, Expression Body) BuildCall(MethodInfo method, ParameterBinding[] parameters, out ParameterExpression manager, out ParameterExpression frame, out ParameterExpression context, out ParameterExpression cancellation)
    {
        manager = Expression.Parameter(typeof(Manager), "manager");
        frame = Expression.Parameter(typeof(ArgFrame), "frame");
        context = Expression.Parameter(typeof(RequestContext), "context");
        cancellation = Expression.Parameter(typeof(CancellationToken), "cancellation");
        var arguments = new Expression[parameters.Length];
        foreach (var p in parameters)
        {
            arguments[p.Index] = p.Kind switch
            {
                ParameterKind.Context => context,
                ParameterKind.Cancellation => cancellation,
                ParameterKind.CallerTimeout => Expression.New(typeof(CallerTimeout).GetConstructor([typeof(TimeSpan?)])!, Expression.Field(frame, nameof(ArgFrame.CallerTimeout))),
                ParameterKind.Int32 => Expression.Convert(Expression.ArrayIndex(Expression.Field(frame, nameof(ArgFrame.Longs)), Expression.Constant(p.Slot)), typeof(int)),
                ParameterKind.Int64 => Expression.ArrayIndex(Expression.Field(frame, nameof(ArgFrame.Longs)), Expression.Constant(p.Slot)),
                ParameterKind.Double => Expression.ArrayIndex(Expression.Field(frame, nameof(ArgFrame.Doubles)), Expression.Constant(p.Slot)),
                ParameterKind.Boolean => Expression.ArrayIndex(Expression.Field(frame, nameof(ArgFrame.Bools)), Expression.Constant(p.Slot)),
                _ => Expression.Convert(Expression.ArrayIndex(Expression.Field(frame, nameof(ArgFrame.Refs)), Expression.Constant(p.Slot)), p.Type),
            };
        }

        Expression call = Expression.Call(Expression.Convert(manager, method.DeclaringType!), method, arguments);
        var returnType = method.ReturnType;
        if (returnType == typeof(void))
        {
            return (typeof(Unit), Expression.Block(call, Expression.Default(typeof(ValueTask<Unit>))));
        }

        if (returnType == typeof(Task))
        {
            return (typeof(Unit), Expression.Call(typeof(Completions).GetMethod(nameof(Completions.FromTask))!, call));
        }

        if (returnType == typeof(ValueTask))
        {
            return (typeof(Unit), Expression.Call(typeof(Completions).GetMethod(nameof(Completions.FromValueTask))!, call));
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return (returnType.GetGenericArguments()[0], call);
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var t = returnType.GetGenericArguments()[0];
            return (t, Expression.New(typeof(ValueTask<>).MakeGenericType(t).GetConstructor([returnType])!, call));
        }

        return (returnType, Expression.New(typeof(ValueTask<>).MakeGenericType(returnType).GetConstructor([returnType])!, call));
    }

    /// <summary>Adapters from non-generic task shapes to ValueTask&lt;Unit&gt;.</summary>
    internal static class Completions
    {
        public static ValueTask<Unit> FromTask(Task task) => task.IsCompletedSuccessfully ? default : Await(task);

        public static ValueTask<Unit> FromValueTask(ValueTask task) => task.IsCompletedSuccessfully ? default : Await(task.AsTask());

        private static async ValueTask<Unit> Await(Task task)
        {
            await task;
            return default;
        }
    }
}
