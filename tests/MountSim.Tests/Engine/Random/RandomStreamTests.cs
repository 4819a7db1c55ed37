using MathNet.Numerics.Distributions;
using MountSim.Engine.Random;

namespace MountSim.Tests.Engine.Random;

public sealed class RandomStreamTests
{
    [Fact]
    public void SplitMix64MatchesTheReferenceSequenceForSeedZero()
    {
        // The first outputs of Vigna's splitmix64.c seeded with 0.
        var state = 0UL;

        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Next(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, SplitMix64.Next(ref state));
        Assert.Equal(0x06C45D188009454FUL, SplitMix64.Next(ref state));
        Assert.Equal(0xF88BB8A8724C81ECUL, SplitMix64.Next(ref state));
    }

    [Fact]
    public void Xoshiro256StarStarMatchesAnIndependentImplementation()
    {
        // Computed with a separate Python transcription of xoshiro256** (Blackman and Vigna),
        // its four state words taken from splitmix64 started at the seed.
        var zero = new RandomStream(0);
        Assert.Equal(0x99EC5F36CB75F2B4UL, zero.NextUInt64());
        Assert.Equal(0xBF6E1F784956452AUL, zero.NextUInt64());
        Assert.Equal(0x1A5F849D4933E6E0UL, zero.NextUInt64());
        Assert.Equal(0x6AA594F1262D2D2CUL, zero.NextUInt64());

        var fortyTwo = new RandomStream(42);
        Assert.Equal(0x15780B2E0C2EC716UL, fortyTwo.NextUInt64());
        Assert.Equal(0x6104D9866D113A7EUL, fortyTwo.NextUInt64());
        Assert.Equal(0xAE17533239E499A1UL, fortyTwo.NextUInt64());
    }

    [Fact]
    public void NextUnitIsTheTop53BitsScaledIntoZeroToOne()
    {
        var raw = new RandomStream(42);
        var unit = new RandomStream(42);
        for (var i = 0; i < 1_000; i++)
        {
            Assert.Equal((raw.NextUInt64() >> 11) / 9007199254740992.0, unit.NextUnit());
        }
    }

    [Fact]
    public void NextUnitLiesInHalfOpenUnitInterval()
    {
        var random = new RandomStream(3);
        var min = 1.0;
        var max = 0.0;
        for (var i = 0; i < 1_000_000; i++)
        {
            var u = random.NextUnit();
            Assert.True(u is >= 0 and < 1, $"draw {i} is {u:R}");
            min = Math.Min(min, u);
            max = Math.Max(max, u);
        }

        // A million draws come within 10^-4 of both ends.
        Assert.True(min < 1e-4);
        Assert.True(max > 1 - 1e-4);
    }

    [Fact]
    public void NextUnitPassesAChiSquareUniformityTest()
    {
        const int bins = 100;
        const int draws = 1_000_000;
        var counts = new int[bins];
        var random = new RandomStream(2024);
        for (var i = 0; i < draws; i++)
        {
            counts[(int)(random.NextUnit() * bins)]++;
        }

        const double expected = draws / (double)bins;
        var chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);

        // Reject at the 0.1% level on either side: too uneven, or suspiciously even.
        Assert.InRange(chiSquare, ChiSquared.InvCDF(bins - 1, 0.001), ChiSquared.InvCDF(bins - 1, 0.999));
    }

    [Fact]
    public void SystemRandomOverridesStayInRange()
    {
        var random = new RandomStream(8);
        var bytes = new byte[4_096];
        random.NextBytes(bytes);
        for (var i = 0; i < 100_000; i++)
        {
            Assert.InRange(random.Next(10), 0, 9);
            Assert.InRange(random.Next(-5, 5), -5, 4);
            Assert.InRange(random.Next(), 0, int.MaxValue);
            Assert.InRange(random.NextDouble(), 0, Math.BitDecrement(1.0));
        }

        Assert.Equal(0, random.Next(0));
        Assert.Equal(7, random.Next(7, 7));
        Assert.Equal(256, bytes.Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => random.Next(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.Next(5, 4));
    }

    [Fact]
    public void NextWithARangeWiderThanIntMaxValueIsUniform()
    {
        // Next(int.MinValue, int.MaxValue) spans 2^32 - 1 values: a thousand draws are all distinct
        // (a repeat has probability about 10^-4) and about half of them are negative.
        var random = new RandomStream(9);
        var draws = Enumerable.Range(0, 1_000).Select(_ => random.Next(int.MinValue, int.MaxValue)).ToArray();

        Assert.Equal(draws.Length, draws.Distinct().Count());
        Assert.InRange(draws.Count(d => d < 0), 430, 570);
    }
}
