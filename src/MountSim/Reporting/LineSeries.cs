namespace MountSim.Reporting;

/// <summary>One line of a <see cref="LineChart"/>, named in the legend.</summary>
public sealed record LineSeries(string Name, IReadOnlyList<LinePoint> Points);
