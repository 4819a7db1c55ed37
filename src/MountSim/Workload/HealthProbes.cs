using MountSim.Engine;
using MountSim.Engine.Statistics;
using MountSim.Hardware;
using MountSim.Kernel;
using MountSim.Kernel.Execution;

namespace MountSim.Workload;

/// <summary>
/// Periodic health checks (../shared/design/MODEL.md section 6): every <c>interval</c> each probe thread makes a few
/// path lookups and, optionally, reads the whole mount table; a probe slower than its timeout
/// fails, as the incident's 30 s health checks did (../shared/reference/incident.md 2.3). A probe still running when
/// its next period comes is not started twice.
/// </summary>
public sealed class HealthProbes : IThreadObserver, IEventTarget
{
    private readonly MountKernel _kernel;
    private readonly ThreadProgram _probe;
    private readonly int[] _hardwareThreads;
    private readonly bool[] _running;
    private readonly Dictionary<KernelThread, int> _probes = [];
    private readonly long _interval;
    private readonly long _timeout;
    private readonly EntityId _id;

    public HealthProbes(MountKernel kernel, HealthProbeSettings settings, PlacementPolicy placement)
    {
        _kernel = kernel;
        _probe = Program(kernel, settings);
        var order = placement.Order(kernel.Topology);

        // Probes run where the runtime's threads start, so they compete with them for CPUs.
        _hardwareThreads = [.. Enumerable.Range(0, settings.Probes).Select(i => order[i % order.Count].Index)];
        _running = new bool[settings.Probes];
        _interval = SimTime.FromNanoseconds(settings.IntervalNs);
        _timeout = SimTime.FromNanoseconds(settings.TimeoutNs);
        _id = kernel.Simulation.Register(this);
    }

    /// <summary>Duration of each finished probe, in ns.</summary>
    public Histogram Latency { get; } = new();

    /// <summary>Probes slower than the timeout.</summary>
    public long Failed { get; private set; }

    public void Start()
    {
        if (_running.Length > 0)
        {
            _kernel.Simulation.Schedule(0, _id);
        }
    }

    void IEventTarget.OnEvent(int tag)
    {
        for (var probe = 0; probe < _running.Length; probe++)
        {
            if (!_running[probe])
            {
                _running[probe] = true;
                var thread = new KernelThread(_kernel, _probe, _hardwareThreads[probe], this, $"health-probe-{probe}");
                _probes[thread] = probe;
                thread.Start();
            }
        }

        _kernel.Simulation.Schedule(_interval, _id);
    }

    public void OnFinished(KernelThread thread)
    {
        var latency = _kernel.Simulation.Now - thread.StartedAt;
        Latency.Record(latency);
        if (latency > _timeout)
        {
            Failed++;
        }

        _running[_probes[thread]] = false;
        _probes.Remove(thread);
    }

    /// <summary>
    /// A probe (kubelet's exec or HTTP check, systemd's watchdog): its lookups, then a whole mountinfo read
    /// when it reads one.
    /// </summary>
    private static ThreadProgram Program(MountKernel kernel, HealthProbeSettings settings)
    {
        var builder = new ThreadProgramBuilder(kernel.Profile, layers: 0, kernel.Topology.NrPossibleCpus);
        for (var i = 0; i < settings.PathWalks; i++)
        {
            builder.AddPathWalk();
        }

        if (settings.ReadsMountinfo)
        {
            builder.AddSyscall("mountinfo_read");
        }

        return builder.Build();
    }
}
