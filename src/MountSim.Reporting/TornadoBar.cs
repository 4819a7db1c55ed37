namespace MountSim.Reporting;

/// <summary>
/// One row of a <see cref="TornadoChart"/>: an uncertain figure's <paramref name="Label"/> and the output with that
/// figure at the low end of its range (<paramref name="AtLow"/>) and at the high end (<paramref name="AtHigh"/>),
/// every other figure at its nominal value; NaN where that run gave no value.
/// </summary>
public sealed record TornadoBar(string Label, double AtLow, double AtHigh)
{
    /// <summary>How far the output moves across the figure's range: the rows' order, widest at the top.</summary>
    public double Swing => double.IsFinite(AtLow) && double.IsFinite(AtHigh) ? Math.Abs(AtHigh - AtLow) : double.IsFinite(AtLow) || double.IsFinite(AtHigh) ? 0 : double.NaN;
}
