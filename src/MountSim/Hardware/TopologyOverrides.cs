using System.Globalization;
using MountSim.Yaml;

namespace MountSim.Hardware;

/// <summary>
/// A variant of a topology stated as changes (<c>smt: off</c>, <c>sockets: 1</c>), so an experiment
/// can compare variants of one host without copies of its file drifting apart.
/// </summary>
/// <param name="SmtOff">Keep only the first thread of each core, as <c>nosmt</c> or <c>smt/control=off</c> does.</param>
/// <param name="Sockets">Keep only the first this many sockets.</param>
public sealed record TopologyOverrides(bool SmtOff = false, int? Sockets = null)
{
    public static TopologyOverrides None { get; } = new();

    public bool IsEmpty => !SmtOff && Sockets is null;

    /// <exception cref="ArgumentException">The override asks for more sockets than the topology has.</exception>
    public Topology Apply(Topology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        if (IsEmpty)
        {
            return topology;
        }

        var keptSockets = Sockets ?? topology.Sockets.Count;
        if (keptSockets < 1 || keptSockets > topology.Sockets.Count)
        {
            throw new ArgumentException($"sockets: {keptSockets} is out of range: '{topology.Name}' has {topology.Sockets.Count} socket(s).");
        }

        var sockets = topology.Sockets.Take(keptSockets)
            .Select(s => new SocketLayout([.. s.LlcDomains.Select(l => new LlcDomainLayout(
                l.NumaNode,
                [.. l.Cores.Select(c => (IReadOnlyList<int>)[.. c.Threads.Take(SmtOff ? 1 : c.Threads.Count).Select(t => t.OsCpu)])]))]))
            .ToList();
        var spec = topology.Spec;

        // The price is the real instance's; a host with fewer sockets is not that instance, so it has neither the price nor its source.
        var samePrice = keptSockets == topology.Sockets.Count;
        var keptNodes = sockets.SelectMany(s => s.LlcDomains).Select(l => l.NumaNode).ToHashSet();
        var nodePositions = topology.NumaNodes.Select((node, i) => (node, i)).Where(p => keptNodes.Contains(p.node)).Select(p => p.i).ToList();
        var possible = Sockets is null ? topology.NrPossibleCpus : topology.NrPossibleCpus * keptSockets / topology.Sockets.Count;
        return new Topology(spec with
        {
            Name = spec.Name + Suffix(),
            Description = $"Variant of {spec.Name} ({Describe()}){(spec.Description is { } d0 ? ": " + d0 : string.Empty)}",
            Sockets = sockets,
            Regular = spec.Regular is { } regular ? regular with { Sockets = keptSockets, ThreadsPerCore = SmtOff ? 1 : regular.ThreadsPerCore } : null,

            // Turning SMT off at boot or run time leaves the siblings possible; fewer sockets is another machine.
            NrPossibleCpus = possible,
            PricePerHour = samePrice ? spec.PricePerHour : null,
            Sources = samePrice ? spec.Sources : spec.Sources.Where(s => s.Key != "price_per_hour").ToDictionary(StringComparer.Ordinal),
            NumaDistances = spec.NumaDistances is { } d ? [.. nodePositions.Select(i => (IReadOnlyList<int>)[.. nodePositions.Select(j => d[i][j])])] : null,
            UncertainFigures = [.. topology.UncertainFigures.Where(f => !Moot(f.Key, keptSockets, samePrice)).Select(f => f.Key == "nr_possible_cpus" ? PossibleCpus(f, possible, keptSockets, topology.Sockets.Count) : f)],
        });
    }

    /// <summary>Whether the variant no longer has what a figure is about: SMT siblings, a second socket, its price.</summary>
    private bool Moot(string key, int keptSockets, bool samePrice) => key switch
    {
        "smt_slowdown" or "latency.smt_sibling" => SmtOff,
        "latency.cross_socket" or "latency.far_home_extra" => keptSockets == 1,
        "price_per_hour" => !samePrice,
        _ => false,
    };

    /// <summary>nr_possible_cpus of fewer sockets: the range scales with the value (whole CPUs, rounded outward), never below the CPUs kept.</summary>
    private UncertainFigure PossibleCpus(UncertainFigure figure, int possible, int keptSockets, int sockets)
    {
        if (Sockets is null)
        {
            return figure;
        }

        double Share(double cpus) => cpus * keptSockets / sockets;
        var least = Math.Floor(Share(figure.Domain.Minimum));
        return figure with
        {
            Domain = figure.Domain with { Minimum = least },
            Nominal = possible,
            Low = Math.Max(least, Math.Floor(Share(figure.Low))),
            High = Math.Ceiling(Share(figure.High)),
        };
    }

    /// <summary>The overrides as an experiment writes them: <c>smt: off, sockets: 1</c>.</summary>
    public string Describe() => string.Join(", ", new[]
    {
        SmtOff ? "smt: off" : null,
        Sockets is { } s ? string.Create(CultureInfo.InvariantCulture, $"sockets: {s}") : null,
    }.OfType<string>());

    private string Suffix() =>
        (SmtOff ? "+smt-off" : string.Empty) + (Sockets is { } s ? string.Create(CultureInfo.InvariantCulture, $"+sockets-{s}") : string.Empty);
}
