using System.Buffers;
using System.Text;
using Bench.Rpc.Dispatch;

namespace Bench.Rpc.Tests.Dispatch;

/// <summary>The method table and argument binding, without a broker.</summary>
public sealed class DispatcherTests
{
    private readonly Dispatcher _dispatcher = new(new TestManager());

    [Theory]
    [InlineData("add", "{\"x\": 4, \"y\": 4}", "8")]
    [InlineData("greet", "{\"name\": \"nova\"}", "\"hello nova\"")]
    [InlineData("greet", "{\"name\": \"nova\", \"greeting\": \"hi\"}", "\"hi nova\"")]
    [InlineData("scale", "{\"value\": 1.5, \"factor\": 2}", "3.0")]
    [InlineData("scale", "{\"value\": 1.25, \"factor\": 2, \"negate\": true}", "-2.5")]
    [InlineData("scale", "{\"value\": 1e-06, \"factor\": 3}", "3e-06")]
    [InlineData("build_and_run_instance", "{\"instance_name\": \"vm1\"}", "\"building vm1\"")]
    [InlineData("slow", "{\"ms\": 1}", "1")]
    [InlineData("nothing", "{}", "null")]
    [InlineData("describe", "{\"payload\": {\"Name\": \"n\", \"Size\": 3, \"Tags\": [\"a\"]}}", "{\"Name\": \"n\", \"Size\": 3, \"Tags\": [\"a\", \"seen\"]}")]
    [InlineData("measure", "{\"name\": \"caf\\u00e9 <b>\"}", "{\"name\": \"caf\\u00e9 <b>\", \"kg\": 2.0, \"ratio\": 1e-05, \"tags\": [\"a\"], \"none\": null}")]
    public async Task Methods_dispatch_by_name_with_arguments_bound_by_name(string method, string args, string result)
    {
        Assert.Equal(result, await DispatchAsync(method, args));
    }

    [Fact]
    public async Task Context_parameter_receives_the_request_context()
    {
        var output = new ArrayBufferWriter<byte>();
        await _dispatcher.DispatchAsync("who_is_calling", "{}"u8, output, new RequestContext("u1", "p1", "req-1"));
        Assert.Equal("\"u1/p1/req-1\"", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Method_table_holds_rpc_methods_only()
    {
        Assert.Contains("add", _dispatcher.MethodNames);
        Assert.Contains("build_and_run_instance", _dispatcher.MethodNames);
        Assert.DoesNotContain("tick", _dispatcher.MethodNames);          // a periodic task
        Assert.DoesNotContain("init_host", _dispatcher.MethodNames);     // Manager's own hook
        Assert.DoesNotContain("get_type", _dispatcher.MethodNames);      // object's
    }

    [Fact]
    public async Task Unknown_method_is_a_NoSuchMethod_remote_error()
    {
        var error = await Assert.ThrowsAsync<RemoteError>(() => DispatchAsync("nope", "{}"));
        Assert.Equal(("NoSuchMethod", "oslo_messaging.rpc.dispatcher", "Endpoint does not support RPC method nope"), (error.ExceptionClass, error.Module, error.RemoteMessage));
    }

    [Theory]
    [InlineData("{\"x\": 1}", "add() missing 1 required positional argument: 'y'")]
    [InlineData("{}", "add() missing 2 required positional arguments: 'x' and 'y'")]
    [InlineData("{\"x\": 1, \"y\": 2, \"z\": 3}", "add() got an unexpected keyword argument 'z'")]
    [InlineData("{\"x\": \"1\", \"y\": 2}", "add() argument 'x' must be int, not str")]
    [InlineData("{\"x\": 1.5, \"y\": 2}", "add() argument 'x' must be int, not number out of range or not integral")]
    [InlineData("{\"x\": null, \"y\": 2}", "add() argument 'x' must be int, not NoneType")]
    public async Task Bad_arguments_are_a_TypeError_remote_error(string args, string message)
    {
        var error = await Assert.ThrowsAsync<RemoteError>(() => DispatchAsync("add", args));
        Assert.Equal(("TypeError", "builtins", message), (error.ExceptionClass, error.Module, error.RemoteMessage));
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData(null, "1.0", true)]
    [InlineData(null, "1.3", true)]
    [InlineData(null, "1.4", false)]
    [InlineData(null, "2.0", false)]
    [InlineData("other", "1.0", false)]
    public void Versions_are_compatible_within_the_served_major(string? ns, string? version, bool compatible)
    {
        var manager = new TestManager();
        var error = new Dispatcher(manager).CheckTarget(ns, version, "add");
        Assert.Equal(compatible, error is null);
        if (!compatible)
        {
            Assert.Equal("UnsupportedVersion", error!.ExceptionClass);
        }
    }

    [Fact]
    public void Positional_and_keyword_arguments_bind_together()
    {
        var invoker = _dispatcher.Find("greet")!;
        var frame = invoker.TryBindPositional("[\"nova\"]"u8, "{\"greeting\": \"hey\"}"u8, _dispatcher.Options, out var error);
        Assert.Null(error);
        Assert.Equal("nova", frame!.Refs[0]);
        Assert.Equal("hey", frame.Refs[1]);

        Assert.Null(invoker.TryBindPositional("[\"a\"]"u8, "{\"name\": \"b\"}"u8, _dispatcher.Options, out error));
        Assert.Equal("greet() got multiple values for argument 'name'", error);
    }

    private async Task<string> DispatchAsync(string method, string args)
    {
        var output = new ArrayBufferWriter<byte>();
        await _dispatcher.DispatchAsync(method, Encoding.UTF8.GetBytes(args), output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
