using System.Globalization;
using MountSim.Text;

namespace MountSim.Hardware;

/// <summary>
/// Where software threads run. A policy orders the hardware threads it may use; thread i of N goes
/// to the i-th of them, wrapping around when N exceeds them (the extra threads then share CPUs
/// through the run queue). Unless the policy pins, a thread may later run on any of them: the
/// scheduler wakes it on an idle one of its LLC domain when its own is busy.
/// </summary>
public abstract record PlacementPolicy
{
    /// <summary>Across sockets first, then LLC domains, then cores; SMT siblings only once every core has a thread.</summary>
    public static PlacementPolicy Spread { get; } = new SpreadPlacement();

    /// <summary>Fill a core's threads, then the next core of the LLC domain, then the next domain and socket.</summary>
    public static PlacementPolicy Pack { get; } = new PackPlacement();

    /// <summary>Socket 0 only, spread over its LLC domains and cores, siblings last.</summary>
    public static PlacementPolicy OneSocket { get; } = new OneSocketPlacement();

    /// <summary>One thread per core, spread; SMT siblings never used.</summary>
    public static PlacementPolicy NoSmtSiblings { get; } = new NoSmtSiblingsPlacement();

    public static IReadOnlyList<string> Names { get; } = ["spread", "pack", "one-socket", "no-smt", "cpus:LIST"];

    public abstract string Name { get; }

    /// <summary>The hardware threads this policy uses, in the order it hands them out.</summary>
    public abstract IReadOnlyList<HardwareThread> Order(Topology topology);

    /// <summary>Whether each thread stays on the hardware thread it was given (sched_setaffinity to one CPU, as the harness's workers).</summary>
    public virtual bool Pins => false;

    /// <summary>Which hardware threads (by index) a thread of this policy may run on; null when it is pinned.</summary>
    public bool[]? Affinity(Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        if (Pins)
        {
            return null;
        }

        var allowed = new bool[topology.Threads.Count];
        foreach (var thread in Order(topology))
        {
            allowed[thread.Index] = true;
        }

        return allowed;
    }

    /// <summary>The hardware thread of each of <paramref name="count"/> software threads.</summary>
    public IReadOnlyList<HardwareThread> Place(Topology topology, int count)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var order = Order(topology);
        return [.. Enumerable.Range(0, count).Select(i => order[i % order.Count])];
    }

    /// <summary>Parses <c>spread</c>, <c>pack</c>, <c>one-socket</c>, <c>no-smt</c> or <c>cpus:0-3,8</c>.</summary>
    /// <exception cref="FormatException">Not one of those.</exception>
    public static PlacementPolicy Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string cpusPrefix = "cpus:";
        if (text.StartsWith(cpusPrefix, StringComparison.OrdinalIgnoreCase))
        {
            // Part by part, so that the order given is the order used ("cpus:8,0" puts thread 0 on CPU 8).
            List<int> cpus = [.. text[cpusPrefix.Length..].Split(',').SelectMany(CpuList.Parse).Distinct()];
            return cpus.Count > 0 ? new ExplicitPlacement(cpus) : throw new FormatException($"'{text}' lists no CPU; expected e.g. cpus:0-3,8.");
        }

        return text.ToLowerInvariant() switch
        {
            "spread" => Spread,
            "pack" => Pack,
            "one-socket" => OneSocket,
            "no-smt" => NoSmtSiblings,
            _ => throw new FormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"Unknown placement '{text}'; expected one of {string.Join(", ", Names)}{Suggestions.DidYouMean(text, ["spread", "pack", "one-socket", "no-smt"])}.")),
        };
    }

    /// <summary>Spread order over some threads: first threads of cores before siblings, then round-robin over sockets and their LLC domains.</summary>
    protected static IReadOnlyList<HardwareThread> SpreadOrder(Topology topology, IEnumerable<HardwareThread> threads)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var coreRank = topology.LlcDomains.SelectMany(l => l.Cores.Select((c, rank) => (c.Index, rank))).ToDictionary(p => p.Index, p => p.rank);
        var llcRank = topology.Sockets.SelectMany(s => s.LlcDomains.Select((l, rank) => (l.Index, rank))).ToDictionary(p => p.Index, p => p.rank);
        return [.. threads
            .OrderBy(t => t.SmtRank)
            .ThenBy(t => coreRank[t.CoreIndex])
            .ThenBy(t => llcRank[t.LlcIndex])
            .ThenBy(t => t.SocketIndex)];
    }
}
