using MountSim.Engine.Random;
using MountSim.Hardware;
using MountSim.Kernel.Execution;

namespace MountSim.Tests.Kernel.Execution;

public sealed class CpuDetoursTests
{
    [Fact]
    public void WorkRunsIntoDetoursAtTheHostsRate()
    {
        var detours = new CpuDetours(HostNoise.Create(1_000, [10_000]), 2, new RandomStreams(1));

        // 10,000 pieces of 100 us: one second of running on CPU 0, about 1,000 detours of 10 us (Poisson: sd about 32).
        var extra = Enumerable.Range(0, 10_000).Sum(_ => detours.Lengthen(0, 100_000));

        Assert.InRange(detours.Count, 900, 1_100);
        Assert.Equal(detours.Count * 10_000.0, extra);
        Assert.Equal(extra, detours.TotalNs);
    }

    [Fact]
    public void EachCpuHasItsOwnDetoursAndTheSameSeedGivesTheSameOnes()
    {
        double[] Run(ulong seed)
        {
            var detours = new CpuDetours(HostNoise.Create(5_000, [1_000, 50_000]), 2, new RandomStreams(seed));
            return [.. Enumerable.Range(0, 2_000).Select(i => detours.Lengthen(i % 2, 10_000))];
        }

        var first = Run(7);
        Assert.Equal(first, Run(7));
        Assert.NotEqual(first, Run(8));
        Assert.NotEqual(first.Where((_, i) => i % 2 == 0), first.Where((_, i) => i % 2 == 1));
    }

    [Fact]
    public void ANoiselessHostNeedsNoDetours() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CpuDetours(HostNoise.Create(0, [1_000]), 1, new RandomStreams(1)));
}
