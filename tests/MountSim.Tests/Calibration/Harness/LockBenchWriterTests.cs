using MountSim.Calibration.Harness;

namespace MountSim.Tests.Calibration.Harness;

public sealed class LockBenchWriterTests
{
    [Fact]
    public void TheCsvHasOneRowPerThreadCountWithRoundTrippingNumbers()
    {
        var csv = LockBenchWriter.ToCsv([new LockBenchResult(1, 1000, TimeSpan.FromSeconds(1)), new LockBenchResult(2, 400, TimeSpan.FromMilliseconds(500))]);

        Assert.Equal("threads,ns_per_critical_section,acquisitions_per_second\n1,1000000,1000\n2,1250000,800\n", csv);
    }

    [Fact]
    public void TheTableRowsLineUpUnderTheHeader()
    {
        var header = LockBenchWriter.TableHeader("spread", "1s");
        var row = LockBenchWriter.TableRow(new LockBenchResult(4, 1000, TimeSpan.FromSeconds(1)));

        Assert.Equal("threads  ns/critical section  acquisitions/s  (spread, 1s each)", header);
        Assert.Equal("      4            1000000.0            1000", row);
    }
}
