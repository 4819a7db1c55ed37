using MountSim.Engine;
using MountSim.Engine.Statistics;

namespace MountSim.Kernel;

/// <summary>
/// <c>synchronize_rcu_expedited()</c>, which <c>namespace_unlock</c> calls after releasing
/// namespace_sem whenever mounts were unmounted (../shared/reference/kernel-mount-locks.md 1.5). A caller needs a
/// whole grace period that starts after its call, so callers arriving while one runs wait for
/// the next, and that next one serves all of them (<c>exp_funnel_lock</c>'s piggy-backing): a
/// burst of k umounts costs far fewer than k grace periods. A grace period IPIs every busy
/// CPU, so it lasts a base cost plus a cost per busy CPU. A CPU with preemption off reports its
/// quiescent state only when it turns preemption on again: every thread spinning on or holding
/// mount_lock when the grace period starts (and every lookup spinning in path_init under
/// rcu_read_lock, which goes on at the same release) must get through the lock first, so the
/// grace period ends no sooner than the release of the last of them. Waiters sleep; the base cost
/// is the measured one, which includes the caller's own wake-up, so a waiter is woken as it ends
/// and waits only for its CPU.
/// </summary>
public sealed class ExpeditedGracePeriods : IEventTarget
{
    private const int TimerTag = 0;
    private const int ReleaseTag = 1;
    private readonly Simulation _simulation;
    private readonly IBusyCpus _cpus;
    private readonly MountLock? _mountLock;
    private readonly double _baseNs;
    private readonly double _perBusyCpuNs;
    private readonly List<(ISleepingClient Client, int Tag, long RequestedAt)> _served = [];
    private readonly List<(ISleepingClient Client, int Tag, long RequestedAt)> _next = [];
    private readonly EntityId _id;
    private bool _running;
    private long _startedAt;
    private long _releasesNeeded;

    /// <param name="mountLock">The spinlock whose holders and spinners the grace period waits for; null for none.</param>
    public ExpeditedGracePeriods(Simulation simulation, IBusyCpus cpus, double baseNs, double perBusyCpuNs, MountLock? mountLock = null)
    {
        _simulation = simulation;
        _cpus = cpus;
        _mountLock = mountLock;
        _baseNs = baseNs;
        _perBusyCpuNs = perBusyCpuNs;
        _id = simulation.Register(this);
    }

    /// <summary>Grace periods run.</summary>
    public long GracePeriods { get; private set; }

    /// <summary>Callers served.</summary>
    public long Requests { get; private set; }

    /// <summary>Length of each grace period, in ns.</summary>
    public Histogram Duration { get; } = new();

    /// <summary>From a caller's request to its wake-up, in ns.</summary>
    public Histogram Wait { get; } = new();

    /// <summary><paramref name="client"/> sleeps until a grace period that starts from now on has ended, then gets <paramref name="tag"/>.</summary>
    public void Synchronize(ISleepingClient client, int tag)
    {
        Requests++;
        client.OnSleep(_simulation.Now);
        _next.Add((client, tag, _simulation.Now));
        if (!_running)
        {
            Start();
        }
    }

    void IEventTarget.OnEvent(int tag)
    {
        if (tag == TimerTag && _mountLock is { } mountLock && mountLock.Releases < _releasesNeeded)
        {
            // The IPIs are answered but a CPU still spins with preemption off: wait for its release.
            mountLock.NotifyAtRelease(_releasesNeeded, _id, ReleaseTag);
            return;
        }

        var now = _simulation.Now;
        Duration.Record(now - _startedAt);
        foreach (var (client, clientTag, requestedAt) in _served)
        {
            Wait.Record(now - requestedAt);
            _simulation.Schedule(0, client.Id, clientTag);
        }

        _served.Clear();
        _running = false;
        if (_next.Count > 0)
        {
            Start();
        }
    }

    private void Start()
    {
        _served.AddRange(_next);
        _next.Clear();
        _running = true;
        GracePeriods++;
        _startedAt = _simulation.Now;
        _releasesNeeded = _mountLock is { } mountLock ? mountLock.Releases + mountLock.Occupants : 0;
        _simulation.Schedule(SimTime.FromNanoseconds(_baseNs + (_perBusyCpuNs * _cpus.BusyCpus)), _id, TimerTag);
    }
}
