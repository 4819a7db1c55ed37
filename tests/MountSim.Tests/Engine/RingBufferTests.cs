using MountSim.Engine;

namespace MountSim.Tests.Engine;

public sealed class RingBufferTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(100)]
    public void KeepsFifoOrderAcrossWrapAroundAndGrowth(int capacity)
    {
        var buffer = new RingBuffer<int>(capacity);
        var reference = new Queue<int>();
        var next = 0;

        // Alternate bursts so the head wraps around before and after each growth.
        foreach (var (add, take) in new[] { (3, 2), (3, 3), (6, 2), (20, 15), (40, 49) })
        {
            for (var i = 0; i < add; i++)
            {
                buffer.Enqueue(next);
                reference.Enqueue(next++);
            }

            for (var i = 0; i < take; i++)
            {
                Assert.Equal(reference.Dequeue(), buffer.Dequeue());
            }

            Assert.Equal(reference.Count, buffer.Count);
        }
    }

    [Fact]
    public void IndexerReadsAndWritesPositionsFromTheHead()
    {
        var buffer = new RingBuffer<int>(4);
        for (var i = 0; i < 4; i++)
        {
            buffer.Enqueue(i);
        }

        buffer.Dequeue();
        buffer.Dequeue();
        buffer.Enqueue(4);
        buffer.Enqueue(5);

        // The contents 2, 3, 4, 5 now wrap around the end of the array.
        Assert.Equal([2, 3, 4, 5], Enumerable.Range(0, buffer.Count).Select(i => buffer[i]));
        buffer[2] = 40;
        Assert.Equal([2, 3, 40, 5], Enumerable.Range(0, 4).Select(_ => buffer.Dequeue()));
    }

    [Fact]
    public void DequeueFromAnEmptyBufferThrows()
    {
        var buffer = new RingBuffer<string>();

        Assert.Throws<InvalidOperationException>(() => buffer.Dequeue());
    }
}
