using MountSim.Reporting;

namespace MountSim.Tests.Reporting;

public sealed class HeatmapCellTextTests
{
    [Theory]
    [InlineData(27.1234, "27.1")]
    [InlineData(274.4, "274")]
    [InlineData(1312.7, "1,310")]
    [InlineData(58_612, "58,600")]
    [InlineData(0.01234, "0.012")]
    [InlineData(0, "0")]
    [InlineData(-4321, "-4,320")]
    public void CellsShowThreeSignificantDigitsWithoutAnExponent(double value, string text)
    {
        Assert.Equal(text, HeatmapPlot.CellText(value));
    }
}
