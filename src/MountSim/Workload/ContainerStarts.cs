using MountSim.Engine.Statistics;
using MountSim.Hardware;
using MountSim.Kernel;
using MountSim.Kernel.Execution;

namespace MountSim.Workload;

/// <summary>
/// A burst of container starts at time zero, as when a node goes from empty to full: each start
/// is one runtime thread running the strategy's program, at most <c>concurrency</c> at once,
/// placed on hardware threads by the placement policy. A start slower than the deadline counts
/// as failed. The run stops when the last start has finished.
/// </summary>
public sealed class ContainerStarts : IThreadObserver
{
    private readonly MountKernel _kernel;
    private readonly ThreadProgram _program;
    private readonly IReadOnlyList<HardwareThread> _placement;
    private readonly long _deadline;
    private int _launched;

    public ContainerStarts(MountKernel kernel, ThreadProgram program, int containers, int concurrency, PlacementPolicy placement, long deadlineNs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(containers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _kernel = kernel;
        _program = program;
        Containers = containers;
        Concurrency = Math.Min(concurrency, containers);
        _placement = placement.Place(kernel.Topology, Concurrency);
        _deadline = deadlineNs;
    }

    public int Containers { get; }

    public int Concurrency { get; }

    /// <summary>From arrival (time zero) to the end of the last syscall, per container, in ns.</summary>
    public Histogram StartLatency { get; } = new();

    public int Finished { get; private set; }

    /// <summary>Starts slower than the deadline.</summary>
    public int Failed { get; private set; }

    public void Start()
    {
        for (var i = 0; i < Concurrency; i++)
        {
            Launch(_placement[i].Index);
        }
    }

    public void OnFinished(KernelThread thread)
    {
        var latency = _kernel.Simulation.Now;
        StartLatency.Record(latency);
        Finished++;
        if (latency > _deadline)
        {
            Failed++;
        }

        if (_launched < Containers)
        {
            Launch(thread.HardwareThread);
        }
        else if (Finished == Containers)
        {
            _kernel.Simulation.Stop();
        }
    }

    private void Launch(int hardwareThread)
    {
        var thread = new KernelThread(_kernel, _program, hardwareThread, this, $"container-{_launched}");
        _launched++;
        thread.Start();
    }
}
