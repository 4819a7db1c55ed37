using MountSim.Engine;
using MountSim.Engine.Random;
using MountSim.Hardware;
using MountSim.Hardware.Coherence;

namespace MountSim.Kernel;

/// <summary>
/// A ticket spinlock (the kernel's before qspinlock): a next-ticket and a now-serving count on one
/// cache line, and every waiter spinning on that line until now-serving reaches its ticket.
/// </summary>
/// <remarks>
/// The cost is the one Boyd-Wickizer et al. measured (../shared/reference/kernel-mount-locks.md 2.4): every write to
/// the line, a release or a newcomer's fetch-and-add, invalidates every spinner's copy, and each
/// spinner then re-reads the line at its home agent or directory. The next holder's re-read is
/// served at a random place among them, so a handoff costs a number of line requests that grows
/// with the waiters, unlike qspinlock's MCS queue. O(waiters) per lock operation.
/// </remarks>
public sealed class TicketSpinlock
{
    private readonly Simulation _simulation;
    private readonly RandomStream _rereadOrder;
    private readonly List<(ILockClient Client, int Tag)> _spinning = [];
    private readonly List<int> _order = [];
    private ILockClient? _holder;

    public TicketSpinlock(Simulation simulation, Topology topology, int homeSocket = 0)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        _simulation = simulation;
        _rereadOrder = simulation.Random.Stream("ticket-reread-order");
        Line = new ContendedLine(topology, "ticket_lock", homeSocket);
    }

    /// <summary>The line holding both counts.</summary>
    public ContendedLine Line { get; }

    public long Acquisitions { get; private set; }

    /// <summary>Takes a ticket; <paramref name="client"/> is woken with <paramref name="tag"/> once now-serving reaches it.</summary>
    public void Lock(ILockClient client, int tag)
    {
        ArgumentNullException.ThrowIfNull(client);
        var took = Line.Write(_simulation.Now, client.HardwareThread);
        if (_holder is null)
        {
            _holder = client;
            Grant(client, tag, took);
            return;
        }

        _spinning.Add((client, tag));
        Reread(took, turn: null);
    }

    /// <summary>Bumps now-serving; the spinners re-read it and the next ticket's owner goes in.</summary>
    public void Unlock(ILockClient client)
    {
        if (!ReferenceEquals(_holder, client))
        {
            throw new InvalidOperationException($"ticket lock: unlocked by {client.Id}, which does not hold it.");
        }

        var released = Line.Write(_simulation.Now, client.HardwareThread);
        if (_spinning.Count == 0)
        {
            _holder = null;
            return;
        }

        var next = _spinning[0];
        _holder = next.Client;
        Reread(released, next);
        _spinning.RemoveAt(0);
    }

    /// <summary>
    /// Every spinner re-reads the line from <paramref name="at"/> in a random order (whoever the agent
    /// serves first); <paramref name="turn"/>, when there is one, goes in when its own read completes.
    /// </summary>
    private void Reread(double at, (ILockClient Client, int Tag)? turn)
    {
        _order.Clear();
        for (var i = 0; i < _spinning.Count; i++)
        {
            _order.Add(i);
        }

        for (var i = _order.Count - 1; i > 0; i--)
        {
            var j = _rereadOrder.Next(i + 1);
            (_order[i], _order[j]) = (_order[j], _order[i]);
        }

        foreach (var i in _order)
        {
            var (client, tag) = _spinning[i];
            var seen = Line.Read(at, client.HardwareThread);
            if (turn is { } t && ReferenceEquals(t.Client, client))
            {
                Grant(client, tag, seen);
            }
        }
    }

    private void Grant(ILockClient client, int tag, double at)
    {
        Acquisitions++;
        _simulation.Schedule(SimTime.FromNanoseconds(at - _simulation.Now), client.Id, tag);
    }
}
