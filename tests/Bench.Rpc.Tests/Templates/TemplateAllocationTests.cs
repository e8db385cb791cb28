using Bench.Rpc.Templates;
using Bench.Testing;

namespace Bench.Rpc.Tests.Templates;

/// <summary>The request path allocates nothing: counted with the thread's allocated-bytes counter, never timed.</summary>
public sealed class TemplateAllocationTests
{
    private const int Renders = 10_000;

    [Fact]
    public void Render_into_a_caller_buffer_allocates_nothing()
    {
        var template = ArgsTemplate.Compile(ArgsTemplateTests.Nova, TemplateShape.JsonObject);
        var buffer = new byte[template.MaxLength];
        template.Render(buffer); // first use on this thread: Random.Shared's per-thread state

        var total = 0L;
        Assert.Equal(0, AllocatedBytes.FewestOf(3, () =>
        {
            for (var i = 0; i < Renders; i++)
            {
                total += template.Render(buffer);
            }
        }));
        Assert.True(total > 0);
    }

    [Fact]
    public void Renting_rendered_args_from_the_pool_allocates_nothing()
    {
        var template = ArgsTemplate.Compile(ArgsTemplateTests.Nova, TemplateShape.JsonObject);
        using (template.Rent())
        {
            // first use on this thread: the pool's per-thread cache and Random.Shared's state
        }

        var total = 0L;
        Assert.Equal(0, AllocatedBytes.FewestOf(3, () =>
        {
            for (var i = 0; i < Renders; i++)
            {
                using var args = template.Rent();
                total += args.Args.Json.Length;
            }
        }));
        Assert.True(total > 0);
    }
}
