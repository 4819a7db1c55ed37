using MountSim.Engine;
using MountSim.Engine.Statistics;
namespace MountSim.Benchmarking.Canonical;

/// <summary>
/// A resource with a FIFO waiting line, in SimGrid's two steps: <see cref="Request"/> either
/// grants at once or enqueues the client; <see cref="Release"/> hands the resource to the
/// waiters at the head of the line that can now have it, and wakes each with a zero-delay
/// event carrying the tag it asked with. Subclasses only say who may hold it together.
/// </summary>
public abstract class Resource
{
    private readonly RingBuffer<Waiter> _waiting = new();
    private readonly bool _sharedAccess;
    private Holder[] _holders = new Holder[4];

    protected Resource(Simulation simulation, string name, bool sharedAccess)
    {
        Simulation = simulation;
        Name = name;
        _sharedAccess = sharedAccess;
    }

    public Simulation Simulation { get; }

    public string Name { get; }

    public ResourceStatistics Statistics { get; } = new();

    /// <summary>Clients holding the resource now.</summary>
    public int HolderCount { get; private set; }

    /// <summary>Clients waiting for it now.</summary>
    public int WaitingCount => _waiting.Count;

    /// <summary>
    /// Asks for the resource. Returns true when granted at once; otherwise the client waits in
    /// line and receives <paramref name="tag"/> through <see cref="IEventTarget.OnEvent"/> when granted.
    /// </summary>
    public bool Request(EntityId client, int tag = 0, AccessMode mode = AccessMode.Exclusive)
    {
        if (mode == AccessMode.Shared && !_sharedAccess)
        {
            throw new NotSupportedException($"{Name}: {GetType().Name} is taken only in exclusive mode.");
        }

        if (CanAdmit(mode) && (_waiting.Count == 0 || MayOvertakeWaiters(mode)))
        {
            Grant(client, mode, Simulation.Now);
            return true;
        }

        _waiting.Enqueue(new Waiter(client, tag, mode, Simulation.Now));
        Statistics.QueueLength.Update(Simulation.Now, _waiting.Count);
        return false;
    }

    /// <summary>Gives the resource back; throws when <paramref name="client"/> does not hold it.</summary>
    public void Release(EntityId client)
    {
        var now = Simulation.Now;
        var position = FindHolder(client);
        if (position < 0)
        {
            throw new InvalidOperationException($"{Name}: released by {client}, which does not hold it.");
        }

        var holder = _holders[position];
        _holders[position] = _holders[--HolderCount];
        _holders[HolderCount] = default;
        Statistics.HoldTime.Record(now - holder.GrantedAt);
        OnReleased(holder.Mode);
        Statistics.Utilization.Update(now, BusyFraction);

        var handedOver = false;
        while (_waiting.Count > 0 && CanAdmit(_waiting[0].Mode))
        {
            var waiter = _waiting.Dequeue();
            Grant(waiter.Client, waiter.Mode, waiter.RequestedAt);
            Simulation.Schedule(0, waiter.Client, waiter.Tag);
            handedOver = true;
        }

        if (handedOver)
        {
            Statistics.QueueLength.Update(now, _waiting.Count);
        }
    }

    /// <summary>True when <paramref name="client"/> holds the resource.</summary>
    public bool IsHeldBy(EntityId client) => FindHolder(client) >= 0;

    /// <summary>The utilization level right now, in [0, 1].</summary>
    protected abstract double BusyFraction { get; }

    /// <summary>Whether the current holders leave room for one more holder in <paramref name="mode"/>.</summary>
    protected abstract bool CanAdmit(AccessMode mode);

    /// <summary>Whether a new request in <paramref name="mode"/> may be granted ahead of clients already waiting.</summary>
    protected virtual bool MayOvertakeWaiters(AccessMode mode) => false;

    protected abstract void OnGranted(AccessMode mode);

    protected abstract void OnReleased(AccessMode mode);

    private int FindHolder(EntityId client)
    {
        for (var i = 0; i < HolderCount; i++)
        {
            if (_holders[i].Client == client)
            {
                return i;
            }
        }

        return -1;
    }

    private void Grant(EntityId client, AccessMode mode, long requestedAt)
    {
        var now = Simulation.Now;
        if (HolderCount == _holders.Length)
        {
            Array.Resize(ref _holders, _holders.Length * 2);
        }

        _holders[HolderCount++] = new Holder(client, mode, now);
        OnGranted(mode);
        Statistics.Acquisitions++;
        Statistics.WaitTime.Record(now - requestedAt);
        Statistics.Utilization.Update(now, BusyFraction);
    }

    private readonly record struct Waiter(EntityId Client, int Tag, AccessMode Mode, long RequestedAt);

    private readonly record struct Holder(EntityId Client, AccessMode Mode, long GrantedAt);
}
