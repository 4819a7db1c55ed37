namespace MountSim.Engine;

/// <summary>
/// A growable FIFO over one array: the zero-delay event queue and every resource's waiting
/// line. Unlike <see cref="Queue{T}"/> it lets a caller peek at and remove any position, which
/// a reader-writer lock needs; it allocates only when it grows.
/// </summary>
public sealed class RingBuffer<T>
{
    private T[] _items;
    private int _head;

    public RingBuffer(int capacity = 16)
    {
        _items = new T[Math.Max(capacity, 4)];
    }

    public int Count { get; private set; }

    public ref T this[int position] => ref _items[(_head + position) % _items.Length];

    public void Enqueue(in T item)
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        var tail = _head + Count;
        if (tail >= _items.Length)
        {
            tail -= _items.Length;
        }

        _items[tail] = item;
        Count++;
    }

    public T Dequeue()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The queue is empty.");
        }

        var item = _items[_head];
        _items[_head] = default!;
        _head = _head + 1 == _items.Length ? 0 : _head + 1;
        Count--;
        return item;
    }

    private void Grow()
    {
        var items = new T[_items.Length * 2];
        for (var i = 0; i < Count; i++)
        {
            items[i] = _items[(_head + i) % _items.Length];
        }

        _items = items;
        _head = 0;
    }
}
