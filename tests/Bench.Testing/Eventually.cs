namespace Bench.Testing;

/// <summary>Waits for a condition that a broker round trip makes true. The bound is generous: it guards hangs, it does not measure speed.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("still not true: " + what);
            }

            await Task.Delay(20);
        }
    }
}
