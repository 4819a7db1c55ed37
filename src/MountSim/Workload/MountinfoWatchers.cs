using MountSim.Engine.Statistics;
using MountSim.Hardware;
using MountSim.Kernel;
using MountSim.Kernel.Execution;

namespace MountSim.Workload;

/// <summary>
/// Pollers of /proc/self/mountinfo, as systemd is (incident.md 2.3): every mount-table event wakes
/// them and each re-reads the whole table (the <c>mountinfo_read</c> recipe: one namespace_sem read
/// section per buffer). Events that arrive during a read are coalesced into one more read after it,
/// as poll() reports them. Reader load thus grows with the event rate times the table size.
/// </summary>
public sealed class MountinfoWatchers : IMountEventListener, IThreadObserver
{
    private readonly MountKernel _kernel;
    private readonly ThreadProgram _read;
    private readonly int[] _hardwareThreads;
    private readonly bool[] _reading;
    private readonly bool[] _pending;
    private readonly Dictionary<KernelThread, int> _readers = [];

    public MountinfoWatchers(MountKernel kernel, int watchers, PlacementPolicy placement)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(watchers);
        _kernel = kernel;
        _read = ThreadProgram.ForSyscall("mountinfo_read", kernel.Profile, kernel.Topology.NrPossibleCpus);

        // Watchers sit at the far end of the placement order, away from the runtime's first threads.
        var order = placement.Order(kernel.Topology);
        _hardwareThreads = [.. Enumerable.Range(0, watchers).Select(i => order[order.Count - 1 - (i % order.Count)].Index)];
        _reading = new bool[watchers];
        _pending = new bool[watchers];
        kernel.MountEventListener = watchers > 0 ? this : null;
    }

    /// <summary>Duration of each whole-table read, in ns.</summary>
    public Histogram ReadLatency { get; } = new();

    public void OnMountEvent()
    {
        for (var watcher = 0; watcher < _reading.Length; watcher++)
        {
            if (_reading[watcher])
            {
                _pending[watcher] = true;
            }
            else
            {
                StartRead(watcher);
            }
        }
    }

    public void OnFinished(KernelThread thread)
    {
        var watcher = _readers[thread];
        _readers.Remove(thread);
        ReadLatency.Record(_kernel.Simulation.Now - thread.StartedAt);
        _reading[watcher] = false;
        if (_pending[watcher])
        {
            _pending[watcher] = false;
            StartRead(watcher);
        }
    }

    private void StartRead(int watcher)
    {
        _reading[watcher] = true;
        var thread = new KernelThread(_kernel, _read, _hardwareThreads[watcher], this, $"mountinfo-watcher-{watcher}");
        _readers[thread] = watcher;
        thread.Start();
    }
}
