using System.Diagnostics;
using MountSim.Calibration.Harness;

namespace MountSim.Tests.Calibration.Harness;

/// <summary>A timed setup allocates nothing in the bookkeeping: a call seen once (in the warm-up) is recorded without allocating, whatever its latency.</summary>
public sealed class SyscallTimingsTests
{
    [Fact]
    public void RecordingACallSeenBeforeAllocatesNothingAtAnyLatency()
    {
        var timings = new SyscallTimings();
        double[] latenciesUs = [0.001, 0.5, 3, 1e3, 1e6, 5e8];
        var ticksPerUs = Stopwatch.Frequency / 1e6;
        timings.Record("umount_detach", Stopwatch.GetTimestamp());
        timings.Setup.Record(1);

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var us in latenciesUs)
        {
            timings.Record("umount_detach", Stopwatch.GetTimestamp() - (long)(us * ticksPerUs));
            timings.Setup.Record(us);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(latenciesUs.Length + 1, timings.Setup.Count);
        Assert.Equal(5e8, timings.Setup.Max);
    }

    [Fact]
    public void TheSpanLeavesNoValuesBehind()
    {
        var timings = new SyscallTimings();
        Assert.Equal(0, timings.Setup.Count);

        timings.Setup.Record(100);
        timings.Setup.Record(300);

        Assert.Equal(2, timings.Setup.Count);
        Assert.Equal(100, timings.Setup.Min);
        Assert.Equal(300, timings.Setup.Max);
        Assert.Equal(200, timings.Setup.Mean);
        Assert.Equal(100, timings.Setup.Quantile(0.5), 100 * 0.004);
    }
}
