using MountSim.Engine.Random;

namespace MountSim.Engine;

/// <summary>
/// The discrete-event core: a clock in nanoseconds, the future event list and the random
/// streams of one run. Events run in (time, sequence) order, so events at the same time run
/// in the order they were scheduled, and a run is a pure function of its seed.
/// </summary>
/// <remarks>
/// Events scheduled with zero delay go to a FIFO instead of the heap. That keeps the
/// (time, sequence) order exact: every heap entry due now was scheduled at an earlier clock
/// reading, hence before every zero-delay entry, so the loop drains heap entries due now
/// first and then the FIFO in order. Lock handoffs and wake-ups, the most frequent events of
/// the mount model, never touch the heap.
/// </remarks>
public sealed class Simulation
{
    private readonly EventQueue _future = new();
    private readonly RingBuffer<ScheduledEvent> _now = new(64);
    private readonly Stack<int> _freeIds = new();
    private IEventTarget?[] _entities = new IEventTarget?[64];
    private int _entityCount;
    private bool _stopRequested;

    public Simulation(RandomStreams random)
    {
        Random = random;
    }

    /// <summary>The current simulated time in nanoseconds.</summary>
    public long Now { get; private set; }

    /// <summary>Events processed so far (a <see cref="long"/>: runs go past 2^31 events).</summary>
    public long EventsProcessed { get; private set; }

    /// <summary>Events scheduled and not yet processed.</summary>
    public int PendingEvents => _future.Count + _now.Count;

    /// <summary>The random streams of this run, one per named purpose.</summary>
    public RandomStreams Random { get; }

    /// <summary>Entities registered and not yet unregistered.</summary>
    public int LiveEntities => _entityCount - _freeIds.Count;

    /// <summary>Gives <paramref name="target"/> the id that events and resource queues will carry.</summary>
    public EntityId Register(IEventTarget target)
    {
        var id = _freeIds.Count > 0 ? _freeIds.Pop() : _entityCount++;
        if (id == _entities.Length)
        {
            Array.Resize(ref _entities, _entities.Length * 2);
        }

        _entities[id] = target;
        return new EntityId(id);
    }

    /// <summary>
    /// Frees an entity's id for reuse, so a long run's memory follows what is alive. Only for an
    /// entity with no event pending and no place in a resource's line: its id may go to another.
    /// </summary>
    public void Unregister(EntityId id)
    {
        if ((uint)id.Value >= (uint)_entityCount || _entities[id.Value] is null)
        {
            throw new InvalidOperationException($"Entity {id} is not registered.");
        }

        _entities[id.Value] = null;
        _freeIds.Push(id.Value);
    }

    /// <summary>Schedules <paramref name="target"/> to receive <paramref name="tag"/> after <paramref name="delay"/> ns.</summary>
    public void Schedule(long delay, EntityId target, int tag = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delay);
        if (delay == 0)
        {
            _now.Enqueue(new ScheduledEvent(Now, 0, target, tag));
        }
        else
        {
            _future.Enqueue(Now + delay, target, tag);
        }
    }

    /// <summary>Schedules an event at an absolute time, which must not be in the past.</summary>
    public void ScheduleAt(long time, EntityId target, int tag = 0)
    {
        if (time < Now)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"Cannot schedule in the past (now is {Now} ns).");
        }

        Schedule(time - Now, target, tag);
    }

    /// <summary>Stops the run after the event being processed; events still pending are left unprocessed.</summary>
    public void Stop() => _stopRequested = true;

    /// <summary>
    /// Processes events until none is left, <see cref="Stop"/> is called, or the next event
    /// lies after <paramref name="until"/> (the clock then reads <paramref name="until"/>); or pauses
    /// after <paramref name="maxEvents"/>, so that a caller can report progress and call again.
    /// </summary>
    /// <returns>False when it paused with events left to process; true when the run ended.</returns>
    public bool Run(long until = long.MaxValue, long maxEvents = long.MaxValue)
    {
        _stopRequested = false;
        for (var processed = 0L; !_stopRequested; processed++)
        {
            if (processed == maxEvents)
            {
                return false;
            }

            ScheduledEvent next;
            if (_now.Count > 0 && (_future.Count == 0 || _future.PeekTime > Now))
            {
                next = _now.Dequeue();
            }
            else if (_future.Count > 0 && _future.PeekTime <= until)
            {
                next = _future.Dequeue();
                Now = next.Time;
            }
            else
            {
                if (_future.Count > 0 && until > Now)
                {
                    Now = until;
                }

                return true;
            }

            EventsProcessed++;
            _entities[next.Target.Value]!.OnEvent(next.Tag);
        }

        return true;
    }
}
