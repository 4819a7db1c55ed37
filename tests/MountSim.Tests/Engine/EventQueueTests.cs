using MountSim.Engine;

namespace MountSim.Tests.Engine;

public sealed class EventQueueTests
{
    [Fact]
    public void DequeueOrderIsAStableSortByTimeWhenTimesTie()
    {
        // Few distinct times among many events: most events share their time with others.
        var random = new System.Random(12345);
        var times = Enumerable.Range(0, 20_000).Select(_ => (long)random.Next(0, 50)).ToArray();
        var queue = new EventQueue();
        for (var i = 0; i < times.Length; i++)
        {
            queue.Enqueue(times[i], new EntityId(i % 7), i);
        }

        var dequeued = new List<(long Time, int Tag)>();
        while (queue.Count > 0)
        {
            var next = queue.Dequeue();
            dequeued.Add((next.Time, next.Tag));
        }

        // LINQ's OrderBy is a stable sort: equal times keep insertion (tag) order.
        var expected = times.Select((time, i) => (Time: time, Tag: i)).OrderBy(e => e.Time).ToList();
        Assert.Equal(expected, dequeued);
    }

    [Fact]
    public void InterleavedEnqueuesAndDequeuesFollowTimeThenSchedulingOrder()
    {
        var random = new System.Random(777);
        var queue = new EventQueue();
        var reference = new SortedSet<(long Time, long Sequence, int Tag)>();
        long sequence = 0;
        for (var step = 0; step < 50_000; step++)
        {
            if (reference.Count == 0 || random.NextDouble() < 0.55)
            {
                var time = (long)random.Next(0, 100);
                queue.Enqueue(time, new EntityId(step % 3), step);
                reference.Add((time, sequence++, step));
            }
            else
            {
                var expected = reference.Min;
                reference.Remove(expected);
                Assert.Equal(expected.Time, queue.PeekTime);
                var actual = queue.Dequeue();
                Assert.Equal(expected, (actual.Time, actual.Sequence, actual.Tag));
                Assert.Equal(new EntityId(expected.Tag % 3), actual.Target);
            }

            Assert.Equal(reference.Count, queue.Count);
        }
    }

    [Fact]
    public void DequeueFromAnEmptyQueueThrows()
    {
        var queue = new EventQueue();
        queue.Enqueue(5, new EntityId(0), 0);
        queue.Dequeue();

        Assert.Equal(0, queue.Count);
        Assert.Throws<InvalidOperationException>(() => queue.Dequeue());
    }

    [Fact]
    public void ScheduledEventPrecedesByTimeThenSequence()
    {
        var early = new ScheduledEvent(1, 9, new EntityId(0), 0);
        var lateFirst = new ScheduledEvent(2, 3, new EntityId(0), 0);
        var lateSecond = new ScheduledEvent(2, 4, new EntityId(0), 0);

        Assert.True(early.Precedes(lateFirst));
        Assert.True(lateFirst.Precedes(lateSecond));
        Assert.False(lateSecond.Precedes(lateFirst));
        Assert.False(lateFirst.Precedes(lateFirst));
    }
}
