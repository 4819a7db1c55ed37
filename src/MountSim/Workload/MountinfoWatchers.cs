using MountSim.Engine;
using MountSim.Engine.Statistics;
using MountSim.Hardware;
using MountSim.Kernel;
using MountSim.Kernel.Execution;

namespace MountSim.Workload;

/// <summary>
/// Pollers of /proc/self/mountinfo, as systemd is (../shared/reference/incident.md 2.3): every mount-table event wakes
/// them and each re-reads the whole table (the <c>mountinfo_read</c> recipe: one namespace_sem read
/// section per buffer). Events that arrive during a read are coalesced into one more read after it,
/// as poll() reports them. Reader load thus grows with the event rate times the table size, up to
/// the watcher's rate limit (systemd's: 5 reads a second), past which events wait for the next
/// window.
/// </summary>
public sealed class MountinfoWatchers : IMountEventListener, IThreadObserver, IEventTarget
{
    private readonly MountKernel _kernel;
    private readonly ThreadProgram _read;
    private readonly int[] _hardwareThreads;
    private readonly bool[] _reading;
    private readonly bool[] _pending;
    private readonly Dictionary<KernelThread, int> _readers = [];
    private readonly WatcherRateLimit _limit;
    private readonly long[] _windowStart;
    private readonly int[] _readsInWindow;
    private readonly bool[] _waitingForWindow;
    private readonly EntityId _id;

    public MountinfoWatchers(MountKernel kernel, int watchers, PlacementPolicy placement, WatcherRateLimit limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(watchers);
        _kernel = kernel;
        _read = ThreadProgram.ForSyscall("mountinfo_read", kernel.Profile, kernel.Topology.NrPossibleCpus);

        // Watchers sit at the far end of the placement order, away from the runtime's first threads.
        var order = placement.Order(kernel.Topology);
        _hardwareThreads = [.. Enumerable.Range(0, watchers).Select(i => order[order.Count - 1 - (i % order.Count)].Index)];
        _reading = new bool[watchers];
        _pending = new bool[watchers];
        _limit = limit;
        _windowStart = new long[watchers];
        _readsInWindow = new int[watchers];
        _waitingForWindow = new bool[watchers];
        _id = kernel.Simulation.Register(this);
        kernel.MountEventListener = watchers > 0 ? this : null;
    }

    /// <summary>Duration of each whole-table read, in ns.</summary>
    public Histogram ReadLatency { get; } = new();

    public void OnMountEvent()
    {
        for (var watcher = 0; watcher < _reading.Length; watcher++)
        {
            _pending[watcher] = true;
            if (!_reading[watcher])
            {
                ReadIfAllowed(watcher);
            }
        }
    }

    void IEventTarget.OnEvent(int tag)
    {
        _waitingForWindow[tag] = false;
        if (!_reading[tag])
        {
            ReadIfAllowed(tag);
        }
    }

    public void OnFinished(KernelThread thread)
    {
        var watcher = _readers[thread];
        _readers.Remove(thread);
        ReadLatency.Record(_kernel.Simulation.Now - thread.StartedAt);
        _reading[watcher] = false;
        ReadIfAllowed(watcher);
    }

    /// <summary>Starts the read an event asked for, unless this window's reads are used up: then once the window ends.</summary>
    private void ReadIfAllowed(int watcher)
    {
        if (!_pending[watcher] || _waitingForWindow[watcher])
        {
            return;
        }

        var now = _kernel.Simulation.Now;
        if (!_limit.IsNone && now - _windowStart[watcher] >= SimTime.FromNanoseconds(_limit.IntervalNs))
        {
            _windowStart[watcher] = now;
            _readsInWindow[watcher] = 0;
        }

        if (!_limit.IsNone && _readsInWindow[watcher] == _limit.Burst)
        {
            _waitingForWindow[watcher] = true;
            _kernel.Simulation.Schedule(_windowStart[watcher] + SimTime.FromNanoseconds(_limit.IntervalNs) - now, _id, watcher);
            return;
        }

        _readsInWindow[watcher]++;
        _pending[watcher] = false;
        _reading[watcher] = true;
        var thread = new KernelThread(_kernel, _read, _hardwareThreads[watcher], this, $"mountinfo-watcher-{watcher}");
        _readers[thread] = watcher;
        thread.Start();
    }
}
