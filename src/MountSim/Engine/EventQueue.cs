namespace MountSim.Engine;

/// <summary>
/// The future event list: a 4-ary min-heap of <see cref="ScheduledEvent"/> structs keyed by
/// (time, sequence). A 4-ary heap is half as deep as a binary one and its four children share
/// a cache line or two, which is where a simulation with tens of pending events spends its time.
/// Nothing is allocated once the array has grown to the largest number of pending events.
/// </summary>
public sealed class EventQueue
{
    private ScheduledEvent[] _heap = new ScheduledEvent[64];
    private long _nextSequence;

    public int Count { get; private set; }

    /// <summary>Time of the earliest event; only meaningful when <see cref="Count"/> &gt; 0.</summary>
    public long PeekTime => _heap[0].Time;

    public void Enqueue(long time, EntityId target, int tag)
    {
        if (Count == _heap.Length)
        {
            Array.Resize(ref _heap, _heap.Length * 2);
        }

        var entry = new ScheduledEvent(time, _nextSequence++, target, tag);
        var heap = _heap;
        var index = Count++;
        while (index > 0)
        {
            var parent = (index - 1) >> 2;
            if (!entry.Precedes(heap[parent]))
            {
                break;
            }

            heap[index] = heap[parent];
            index = parent;
        }

        heap[index] = entry;
    }

    public ScheduledEvent Dequeue()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The event queue is empty.");
        }

        var heap = _heap;
        var top = heap[0];
        var count = --Count;
        var last = heap[count];
        heap[count] = default;
        if (count > 0)
        {
            SiftDown(heap, count, last);
        }

        return top;
    }

    private static void SiftDown(ScheduledEvent[] heap, int count, in ScheduledEvent entry)
    {
        var index = 0;
        while (true)
        {
            var first = (index << 2) + 1;
            if (first >= count)
            {
                break;
            }

            var best = first;
            var end = Math.Min(first + 4, count);
            for (var child = first + 1; child < end; child++)
            {
                if (heap[child].Precedes(heap[best]))
                {
                    best = child;
                }
            }

            if (!heap[best].Precedes(entry))
            {
                break;
            }

            heap[index] = heap[best];
            index = best;
        }

        heap[index] = entry;
    }
}
