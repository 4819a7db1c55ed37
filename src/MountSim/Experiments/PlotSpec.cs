namespace MountSim.Experiments;

/// <summary>
/// A plot an experiment asks for. <see cref="Where"/> keeps only the configurations with those field
/// values; swept fields the plot does not use otherwise give one chart per combination of their values.
/// </summary>
public abstract record PlotSpec(IReadOnlyDictionary<string, string> Where)
{
    /// <summary>The swept fields the plot lays out itself (axes, series).</summary>
    public abstract IReadOnlyList<string> Fields { get; }

    /// <summary>The metrics the plot needs summarized.</summary>
    public abstract IReadOnlyList<string> Metrics { get; }
}

/// <summary>A metric against a swept field, one line per value of <see cref="Series"/>, 95% confidence intervals.</summary>
public sealed record LinePlotSpec(string X, string Metric, string? Series, bool LogX, bool LogY, IReadOnlyDictionary<string, string> Where) : PlotSpec(Where)
{
    public override IReadOnlyList<string> Fields => Series is null ? [X] : [X, Series];

    public override IReadOnlyList<string> Metrics => [Metric];
}

/// <summary>The distribution of container start latency, one curve per value of <see cref="Series"/>, all replications pooled.</summary>
public sealed record CdfPlotSpec(string? Series, bool LogX, IReadOnlyDictionary<string, string> Where) : PlotSpec(Where)
{
    public override IReadOnlyList<string> Fields => Series is null ? [] : [Series];

    public override IReadOnlyList<string> Metrics => [];
}

/// <summary>CPU time by state, one stacked bar per value of <see cref="X"/>.</summary>
public sealed record CpuTimePlotSpec(string X, IReadOnlyDictionary<string, string> Where) : PlotSpec(Where)
{
    public override IReadOnlyList<string> Fields => [X];

    public override IReadOnlyList<string> Metrics => ["cpu_work", "cpu_spin_mount_lock", "cpu_spin_namespace_sem", "cpu_idle"];
}

/// <summary>A metric over two swept fields.</summary>
public sealed record HeatmapPlotSpec(string X, string Y, string Metric, IReadOnlyDictionary<string, string> Where) : PlotSpec(Where)
{
    public override IReadOnlyList<string> Fields => [X, Y];

    public override IReadOnlyList<string> Metrics => [Metric];
}
