using MountSim.Engine;
using MountSim.Engine.Distributions;
using MountSim.Engine.Random;
using MountSim.Engine.Statistics;
using MountSim.Hardware;
using MountSim.Kernel;
using MountSim.Kernel.Execution;

namespace MountSim.Workload;

/// <summary>
/// Container starts arriving as the arrival pattern says (a burst at time zero is a node going
/// from empty to full): each start is one runtime thread running the strategy's program for its
/// image's layer count (drawn per container; programs are compiled once per count), at most
/// <c>concurrency</c> at once (later arrivals wait for a slot, in order), the slots placed on
/// hardware threads by the placement policy. A start's latency runs from its arrival; slower than
/// the deadline, it counts as failed. A started container has its own mount namespace; when the
/// runtime's mounts propagate to containers, each later mount is copied into it. The run stops
/// when the last start has finished.
/// </summary>
public sealed class ContainerStarts : IThreadObserver, IEventTarget
{
    /// <summary>The most lower layers an overlay takes (OVL_MAX_STACK, fs/overlayfs/params.h): no image has more and starts.</summary>
    public const int MaxLayers = 500;

    private readonly MountKernel _kernel;
    private readonly Func<int, ThreadProgram> _compile;
    private readonly Dictionary<int, ThreadProgram> _programs = [];
    private readonly Distribution _layers;
    private readonly RandomStream _layerDraws;
    private readonly IReadOnlyList<HardwareThread> _placement;
    private readonly bool[]? _affinity;
    private readonly int _containerThreads;
    private readonly IReadOnlyList<long> _arrivals;
    private readonly long _deadline;
    private readonly Queue<int> _waiting = new();
    private readonly Stack<int> _freeSlots = new();
    private readonly Dictionary<KernelThread, (int Container, int Slot)> _running = [];
    private readonly List<long> _latencies = [];
    private readonly EntityId _id;
    private int _arrived;

    public ContainerStarts(
        MountKernel kernel,
        Func<int, ThreadProgram> compile,
        Distribution layers,
        int containers,
        int concurrency,
        PlacementPolicy placement,
        ArrivalPattern arrivals,
        long deadlineNs,
        bool wakeBalance,
        int containerThreads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(containerThreads);
        ArgumentOutOfRangeException.ThrowIfLessThan(containers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _kernel = kernel;
        _compile = compile;
        _layers = layers;
        _layerDraws = kernel.Simulation.Random.Stream("layers");
        Containers = containers;
        Concurrency = Math.Min(concurrency, containers);
        _placement = placement.Place(kernel.Topology, Concurrency);
        _affinity = wakeBalance ? placement.Affinity(kernel.Topology) : null;
        _arrivals = arrivals.Times(containers, kernel.Simulation.Random.Stream("arrivals"));
        _deadline = deadlineNs;
        _containerThreads = containerThreads;
        for (var slot = Concurrency - 1; slot >= 0; slot--)
        {
            _freeSlots.Push(slot);
        }

        _id = kernel.Simulation.Register(this);
    }

    public int Containers { get; }

    public int Concurrency { get; }

    /// <summary>From arrival (time zero) to the end of the last syscall, per container, in ns.</summary>
    public Histogram StartLatency { get; } = new();

    /// <summary>
    /// From the moment the runtime starts working on a container to its last syscall, in ns: the start
    /// latency less the wait for a slot under the concurrency limit. What a harness worker times.
    /// </summary>
    public Histogram SetupTime { get; } = new();

    public int Finished { get; private set; }

    /// <summary>Starts slower than the deadline.</summary>
    public int Failed { get; private set; }

    /// <summary>Each start's latency as far as it is known now (see <see cref="StartsSoFar"/>).</summary>
    public StartsSoFar SoFar()
    {
        var now = _kernel.Simulation.Now;
        var pending = _waiting.Concat(_running.Values.Select(r => r.Container)).Select(c => (double)(now - _arrivals[c]));
        var bounds = _latencies.Select(l => (double)l).Concat(pending).ToList();
        bounds.AddRange(Enumerable.Repeat(0.0, Containers - bounds.Count));
        bounds.Sort();
        return new StartsSoFar(bounds, _deadline);
    }

    /// <summary>Schedules the first arrival.</summary>
    public void Start() => _kernel.Simulation.ScheduleAt(_arrivals[0], _id);

    /// <summary>The next container arrives: it starts if a slot is free, else waits for one.</summary>
    void IEventTarget.OnEvent(int tag)
    {
        var container = _arrived++;
        if (_arrived < Containers)
        {
            _kernel.Simulation.ScheduleAt(_arrivals[_arrived], _id);
        }

        if (_freeSlots.TryPop(out var slot))
        {
            Launch(container, slot);
        }
        else
        {
            _waiting.Enqueue(container);
        }
    }

    public void OnFinished(KernelThread thread)
    {
        var (container, slot) = _running[thread];
        _running.Remove(thread);
        var latency = _kernel.Simulation.Now - _arrivals[container];
        StartLatency.Record(latency);
        _latencies.Add(latency);
        SetupTime.Record(_kernel.Simulation.Now - thread.StartedAt);
        Finished++;
        if (latency > _deadline)
        {
            Failed++;
        }

        if (_waiting.TryDequeue(out var next))
        {
            Launch(next, slot);
        }
        else
        {
            _freeSlots.Push(slot);
        }

        if (Finished == Containers)
        {
            _kernel.Simulation.Stop();
        }
    }

    private void Launch(int container, int slot)
    {
        // A draw from a long-tailed distribution past OVL_MAX_STACK is an image overlayfs would refuse: the largest that mounts.
        var layers = (int)Math.Clamp(Math.Round(_layers.Sample(_layerDraws)), 1, MaxLayers);
        if (!_programs.TryGetValue(layers, out var program))
        {
            program = _programs[layers] = _compile(layers);
        }

        var thread = new KernelThread(_kernel, program, _placement[slot].Index, this, $"container-{container}", _affinity);

        // The start's shim and the container's processes stay on the host from now on.
        _kernel.HostThreads += _containerThreads;
        _running[thread] = (container, slot);
        thread.Start();
    }
}
