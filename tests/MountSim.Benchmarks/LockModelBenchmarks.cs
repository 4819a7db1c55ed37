using BenchmarkDotNet.Attributes;
using MountSim.Benchmarking;

namespace MountSim.Benchmarks;

/// <summary>The engine against the special-purpose loop on the lock-contention model (200,000 acquisitions).</summary>
[MemoryDiagnoser]
public class LockModelBenchmarks
{
    private readonly EngineBenchmarkOptions _options = new() { Acquisitions = 200_000 };

    [Benchmark(Baseline = true)]
    public double SpecialPurposeLoop() => Benchmarking.SpecialPurposeLoop.AcquisitionsPerSecond(_options);

    [Benchmark]
    public double Engine() => EngineBenchmark.Run(_options).Utilization;
}
