namespace MountSim.Hardware.Coherence;

/// <summary>
/// One cache line that many hardware threads fight over (the mount_lock word and sequence, the
/// namespace_sem count, an allocator's spinlock), with its coherence state: one thread holding
/// it Modified, or Shared copies counted per LLC domain.
/// </summary>
/// <remarks>
/// Requests for the line are served one at a time by the agent that serializes them
/// (../shared/design/MODEL.md section 3, ../shared/reference/hardware.md section 2): on a mesh (<see cref="CoherenceKind.Centralized"/>)
/// the line's home agent, for every miss; on chiplets (<see cref="CoherenceKind.Distributed"/>)
/// the requester's LLC domain when a copy is there, else the cross-domain directory. A request
/// waits until its agent is free and then occupies it. A write must invalidate every Shared copy:
/// the home agent spends one service per copy, so k spinning readers cost a mesh writer about k
/// services, while the directory spends one service per LLC domain holding copies. That
/// difference, not a constant, is what separates the hosts. A request from, or a copy in, a
/// socket other than the line's home holds the agent for the trip across the socket link (the
/// cross-socket transfer) instead of one service. Every access is O(1) or
/// O(LLC domains), and spinning readers enter in bulk through <see cref="AddSharedCopies"/>:
/// no event per spinner or per spin iteration.
/// </remarks>
public sealed class ContendedLine
{
    private readonly Topology _topology;
    private readonly int[] _domainOf;
    private readonly int[] _copiesInDomain;
    private readonly double[] _domainFreeAt;
    private readonly double[] _serviceOfDomain;
    private readonly long[] _copyEpochOf;
    private readonly long[] _transfersByDistance = new long[Enum.GetValues<DistanceClass>().Length];
    private readonly double[] _agentBusyOf;
    private readonly long[] _transfersTo;
    private double _agentFreeAt;
    private long _epoch = 1;
    private int _lastWriter = -1;

    public ContendedLine(Topology topology, string name, int homeSocket = 0)
    {
        _topology = topology;
        Name = name;
        HomeSocket = homeSocket;
        _domainOf = [.. topology.Threads.Select(t => t.LlcIndex)];
        _copiesInDomain = new int[topology.LlcDomains.Count];
        _domainFreeAt = new double[topology.LlcDomains.Count];
        _serviceOfDomain = [.. topology.LlcDomains.Select(d => ServiceFor(topology, d.SocketIndex, homeSocket))];
        _copyEpochOf = new long[topology.Threads.Count];
        _agentBusyOf = new double[topology.Threads.Count];
        _transfersTo = new long[topology.Threads.Count * _transfersByDistance.Length];
    }

    public string Name { get; }

    /// <summary>LLC domains of the topology, the range of <see cref="AddSharedCopies"/>'s domain.</summary>
    public int DomainCount => _copiesInDomain.Length;

    /// <summary>The socket whose memory backs the line (its home for cross-socket transfers).</summary>
    public int HomeSocket { get; }

    /// <summary>The hardware thread holding the line Modified, or -1 when it is Shared or in memory.</summary>
    public int Owner { get; private set; } = -1;

    /// <summary>Shared copies outstanding (each one a write must invalidate).</summary>
    public int SharedCopies { get; private set; }

    /// <summary>LLC domains holding at least one Shared copy.</summary>
    public int DomainsWithCopies { get; private set; }

    /// <summary>Transfers of the line's data to a requester, by distance from where the data was.</summary>
    public IReadOnlyList<long> TransfersByDistance => _transfersByDistance;

    /// <summary>Time the home agent or directory (not a chiplet's own domain) has spent serving this line's requests and invalidations, in ns.</summary>
    public double AgentBusyNs { get; private set; }

    /// <summary>The part of <see cref="AgentBusyNs"/> spent on requests of <paramref name="thread"/> (a hardware thread), in ns.</summary>
    public double AgentBusyOf(int thread) => _agentBusyOf[thread];

    /// <summary>Transfers of the line's data to <paramref name="thread"/> (a hardware thread) from <paramref name="distance"/> away.</summary>
    public long TransfersTo(int thread, DistanceClass distance) => _transfersTo[(thread * _transfersByDistance.Length) + (int)distance];

    /// <summary>
    /// Requests that a closed-form model made in bulk (the write sections of a per-mount loop): the agent gets
    /// <paramref name="workNs"/> more work, queued behind what it has, and is not free before
    /// <paramref name="notBeforeNs"/> (the last of those requests' own service); <paramref name="owner"/>, unless
    /// -1, holds the line Modified at the end, every copy invalidated.
    /// </summary>
    public void AbsorbBulk(double workNs, double notBeforeNs, int owner)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workNs);
        AgentBusyNs += workNs;
        _agentFreeAt = Math.Max(_agentFreeAt + workNs, notBeforeNs);
        if (owner < 0)
        {
            return;
        }

        TakeOwnership(owner);
    }

    /// <summary>Transfers that a closed-form model made in bulk: <paramref name="count"/> from <paramref name="distance"/> away.</summary>
    public void CountTransfers(DistanceClass distance, long count) => _transfersByDistance[(int)distance] += count;

    /// <summary>
    /// A load by <paramref name="thread"/> starting at <paramref name="now"/> (ns). Returns when the
    /// data is there. A Modified holder keeps a Shared copy, and the reader gets one.
    /// </summary>
    public double Read(double now, int thread)
    {
        if (Owner == thread || _copyEpochOf[thread] == _epoch)
        {
            return now;
        }

        var domain = _domainOf[thread];
        var source = Owner >= 0 ? Owner : _lastWriter;
        var localCopy = Owner >= 0 ? _domainOf[Owner] == domain : _copiesInDomain[domain] > 0;
        var done = Serve(now, thread, localCopy, _serviceOfDomain[domain], Transfer(source, thread));
        if (Owner >= 0)
        {
            AddCopy(Owner);
            Owner = -1;
        }

        AddCopy(thread);
        return done;
    }

    /// <summary>
    /// A store or atomic by <paramref name="thread"/> starting at <paramref name="now"/> (ns): a
    /// read-for-ownership that invalidates every other copy. Returns when the thread owns the line.
    /// </summary>
    public double Write(double now, int thread)
    {
        if (Owner == thread)
        {
            return now;
        }

        var domain = _domainOf[thread];
        var hasCopy = _copyEpochOf[thread] == _epoch;
        var otherCopies = SharedCopies - (hasCopy ? 1 : 0);
        var source = Owner >= 0 ? Owner : _lastWriter;
        var transfer = hasCopy ? 0 : Transfer(source, thread);

        double done;
        if (_topology.Coherence.Kind == CoherenceKind.Centralized)
        {
            // The home agent invalidates copy by copy, each at its domain's cost; an upgrade of the
            // requester's own copy is one request of its own.
            var invalidations = Owner >= 0 ? _serviceOfDomain[_domainOf[Owner]] : 0;
            for (var d = 0; d < _copiesInDomain.Length; d++)
            {
                var copies = _copiesInDomain[d] - (hasCopy && d == domain ? 1 : 0);
                invalidations += copies * _serviceOfDomain[d];
            }

            done = Serve(now, thread, localCopy: false, invalidations > 0 ? invalidations : _serviceOfDomain[domain], transfer);
        }
        else
        {
            // The directory sends one invalidation per other domain holding copies.
            var invalidations = Owner >= 0 && _domainOf[Owner] != domain ? _serviceOfDomain[_domainOf[Owner]] : 0;
            for (var d = 0; d < _copiesInDomain.Length; d++)
            {
                invalidations += d != domain && _copiesInDomain[d] > 0 ? _serviceOfDomain[d] : 0;
            }

            done = invalidations == 0
                ? Serve(now, thread, localCopy: true, _topology.Coherence.LocalServiceNs, transfer)
                : Serve(now, thread, localCopy: false, invalidations, transfer);
        }

        TakeOwnership(thread);
        return done;
    }

    /// <summary><paramref name="owner"/> wrote the line: every shared copy is gone and it holds the only one.</summary>
    private void TakeOwnership(int owner)
    {
        Array.Clear(_copiesInDomain);
        SharedCopies = 0;
        DomainsWithCopies = 0;
        _epoch++;
        Owner = owner;
        _lastWriter = owner;
    }

    /// <summary>
    /// Shared copies taken by readers that are not simulated one by one (path walks spinning on
    /// the mount_lock sequence): <paramref name="copies"/> of them in LLC domain <paramref name="domain"/>.
    /// A Modified holder is downgraded, as a real reader's load would.
    /// </summary>
    public void AddSharedCopies(int domain, int copies)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(copies);
        if (copies == 0)
        {
            return;
        }

        if (Owner >= 0)
        {
            AddCopy(Owner);
            Owner = -1;
        }

        if (_copiesInDomain[domain] == 0)
        {
            DomainsWithCopies++;
        }

        _copiesInDomain[domain] += copies;
        SharedCopies += copies;
    }

    /// <summary>The one-way transfer of the data to <paramref name="thread"/>, counted by distance class.</summary>
    private double Transfer(int source, int thread)
    {
        if (source < 0)
        {
            // Never written: the line comes from memory, about a transfer from the home socket's LLC.
            return _topology.Latencies.SameLlcNs ?? 0;
        }

        var distance = (int)_topology.DistanceBetween(source, thread);
        _transfersByDistance[distance]++;
        _transfersTo[(thread * _transfersByDistance.Length) + distance]++;
        return _topology.TransferNs(source, thread, HomeSocket);
    }

    /// <summary>
    /// The time a request or an invalidation of a copy in LLC domain of socket <paramref name="socket"/>
    /// holds the home agent or directory: one service, or the cross-socket transfer when the domain is
    /// not on the line's home socket (the snoop crosses the socket link and back before the agent moves on).
    /// </summary>
    private static double ServiceFor(Topology topology, int socket, int homeSocket) =>
        socket == homeSocket
            ? topology.Coherence.HomeServiceNs
            : Math.Max(topology.Coherence.HomeServiceNs, topology.Latencies.CrossSocketNs ?? 0);

    /// <summary>
    /// Queues the request at its agent (the requester's LLC domain when served locally on
    /// chiplets, else the home agent or directory), occupies the agent for
    /// <paramref name="serviceNs"/>, and returns when the requester is done: after the agent's work
    /// or the data transfer, whichever is longer.
    /// </summary>
    private double Serve(double now, int thread, bool localCopy, double serviceNs, double transfer)
    {
        var domain = _domainOf[thread];
        var distributedLocal = localCopy && _topology.Coherence.Kind == CoherenceKind.Distributed;
        ref var freeAt = ref distributedLocal ? ref _domainFreeAt[domain] : ref _agentFreeAt;
        if (distributedLocal)
        {
            serviceNs = _topology.Coherence.LocalServiceNs;
        }

        var start = Math.Max(now, freeAt);
        freeAt = start + serviceNs;
        if (!distributedLocal)
        {
            AgentBusyNs += serviceNs;
            _agentBusyOf[thread] += serviceNs;
        }

        return start + Math.Max(serviceNs, transfer);
    }

    private void AddCopy(int thread)
    {
        if (_copyEpochOf[thread] == _epoch)
        {
            return;
        }

        _copyEpochOf[thread] = _epoch;
        var domain = _domainOf[thread];
        if (_copiesInDomain[domain]++ == 0)
        {
            DomainsWithCopies++;
        }

        SharedCopies++;
    }
}
