using BenchmarkDotNet.Attributes;
using MountSim.Engine.Random;
using MountSim.Engine.Statistics;

namespace MountSim.Benchmarks;

/// <summary>Cost of recording one value, and of one quantile query, over log-normal latencies.</summary>
[MemoryDiagnoser]
public class HistogramBenchmarks
{
    private readonly double[] _values = new double[65_536];
    private readonly Histogram _histogram = new();

    [GlobalSetup]
    public void Setup()
    {
        var random = new RandomStream(7);
        for (var i = 0; i < _values.Length; i++)
        {
            _values[i] = MathNet.Numerics.Distributions.LogNormal.Sample(random, 10, 2);
            _histogram.Record(_values[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = 65_536)]
    public void Record()
    {
        foreach (var value in _values)
        {
            _histogram.Record(value);
        }
    }

    [Benchmark]
    public double P99() => _histogram.Quantile(0.99);
}
