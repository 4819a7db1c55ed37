namespace MountSim.Engine;

/// <summary>
/// A growable FIFO over one array: the zero-delay event queue and every resource's waiting
/// line. Unlike <see cref="Queue{T}"/> it lets a caller look at any position without copying;
/// it allocates only when it grows. The capacity is a power of two, so wrapping is a mask.
/// </summary>
public sealed class RingBuffer<T>
{
    private T[] _items;
    private int _head;
    private int _mask;

    public RingBuffer(int capacity = 16)
    {
        _items = new T[System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(capacity, 4))];
        _mask = _items.Length - 1;
    }

    public int Count { get; private set; }

    public ref T this[int position] => ref _items[(_head + position) & _mask];

    public void Enqueue(in T item)
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        _items[(_head + Count) & _mask] = item;
        Count++;
    }

    public T Dequeue()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The queue is empty.");
        }

        var item = _items[_head];
        if (System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            _items[_head] = default!;
        }

        _head = (_head + 1) & _mask;
        Count--;
        return item;
    }

    private void Grow()
    {
        var items = new T[_items.Length * 2];
        for (var i = 0; i < Count; i++)
        {
            items[i] = _items[(_head + i) & _mask];
        }

        _items = items;
        _mask = items.Length - 1;
        _head = 0;
    }
}
