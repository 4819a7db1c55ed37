using MountSim.Engine.Distributions;

namespace MountSim.Tests.Engine.Distributions;

public sealed class DistributionSyntaxTests
{
    [Theory]
    [InlineData("50", 50)]
    [InlineData("uniform:20:80", 50)]
    [InlineData("exponential:7", 7)]
    [InlineData("normal:3:1", 3)]
    [InlineData("lognormal:40:10", 40)]
    [InlineData("empirical:10,20,60", 30)]
    public void EachFormGivesTheDistributionWithItsMean(string text, double mean) =>
        Assert.Equal(mean, DistributionSyntax.Parse(text).Mean, 9);

    [Fact]
    public void AConstantPrintsAsTheNumberItWasWrittenAs() =>
        Assert.Equal("50", DistributionSyntax.Parse("50").ToString());

    [Theory]
    [InlineData("fifty")]
    [InlineData("uniform:20")]
    [InlineData("uniform:80:20")]
    [InlineData("exponential:-1")]
    [InlineData("gamma:2:3")]
    [InlineData("empirical:")]
    public void MalformedTextNamesItselfAndTheForms(string text)
    {
        var e = Assert.Throws<FormatException>(() => DistributionSyntax.Parse(text));
        Assert.Contains($"'{text}'", e.Message, StringComparison.Ordinal);
    }
}
