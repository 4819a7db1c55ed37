namespace MountSim.Planning;

/// <summary>
/// The largest load at which an objective holds, assuming it holds below some load and not above it: bracket by
/// doubling (or halving) from the first probe, then bisect (arithmetic for a burst's whole numbers, geometric for
/// a rate) until the bracket is as narrow as the settings ask. Each load is probed once.
/// </summary>
public static class BoundarySearch
{
    /// <param name="probe">Whether the objective holds at a load; called once per load, in the search's order.</param>
    public static SearchOutcome Find(SearchKind kind, BoundarySearchSettings settings, Func<double, ProbeVerdict> probe)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(probe);
        var probes = new List<(double Load, ProbeVerdict Verdict)>();
        var integer = kind == SearchKind.Burst;
        var floor = integer ? 1 : BoundarySearchSettings.MinRate;
        bool Holds(double load)
        {
            var verdict = probe(load);
            probes.Add((load, verdict));
            return verdict.Holds;
        }

        double? holds = null, breaks = null;
        var load = Math.Min(integer ? Math.Max(1, Math.Round(settings.From)) : settings.From, settings.Max);
        if (Holds(load))
        {
            holds = load;
            while (holds < settings.Max)
            {
                load = Math.Min(2 * load, settings.Max);
                if (Holds(load))
                {
                    holds = load;
                }
                else
                {
                    breaks = load;
                    break;
                }
            }
        }
        else
        {
            breaks = load;
            while (holds is null && breaks > floor)
            {
                load = Math.Max(integer ? Math.Floor(load / 2) : load / 2, floor);
                if (Holds(load))
                {
                    holds = load;
                }
                else
                {
                    breaks = load;
                }
            }
        }

        while (holds is { } low && breaks is { } high && high - low > Math.Max(integer ? 1 : 0, settings.Resolution * low))
        {
            var middle = integer ? Math.Floor((low + high) / 2) : Math.Sqrt(low * high);
            if (Holds(middle))
            {
                holds = middle;
            }
            else
            {
                breaks = middle;
            }
        }

        return new SearchOutcome(holds ?? 0, breaks, probes);
    }
}
