using BenchmarkDotNet.Attributes;
using MountSim.Engine;
using MountSim.Engine.Random;

namespace MountSim.Benchmarks;

/// <summary>
/// The classic "hold" model of priority-queue benchmarks: with <see cref="Pending"/> events in
/// the queue, take the earliest and put back one at a random later time. One operation is one
/// dequeue plus one enqueue.
/// </summary>
[MemoryDiagnoser]
public class EventQueueBenchmarks
{
    private const int Operations = 100_000;
    private EventQueue _queue = new();
    private RandomStream _random = new(1);

    [Params(16, 64, 1024, 16384)]
    public int Pending { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _queue = new EventQueue();
        _random = new RandomStream(1);
        for (var i = 0; i < Pending; i++)
        {
            _queue.Enqueue((long)(_random.NextUnit() * 1e6), new EntityId(i), 0);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long Hold()
    {
        long last = 0;
        for (var i = 0; i < Operations; i++)
        {
            var next = _queue.Dequeue();
            last = next.Time;
            _queue.Enqueue(last + 1 + (long)(_random.NextUnit() * 1e6), next.Target, 0);
        }

        return last;
    }
}
