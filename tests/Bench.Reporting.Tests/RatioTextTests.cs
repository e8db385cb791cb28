namespace Bench.Reporting.Tests;

public sealed class RatioTextTests
{
    [Theory]
    [InlineData(0.9349, "0.93×")]
    [InlineData(1.5, "1.50×")]
    [InlineData(0.01, "0.01×")]
    [InlineData(0.0031, "0.0031×")]
    [InlineData(0.000456, "0.00046×")]
    [InlineData(0, "0.00×")]
    public void Small_ratios_keep_two_significant_digits(double ratio, string text) => Assert.Equal(text, RatioText.Format(ratio));
}
