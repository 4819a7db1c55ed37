namespace MountSim.Reporting;

/// <summary>
/// What each uncertain figure alone does to one output: a horizontal bar per figure from the output at the nominal
/// figures (<paramref name="Nominal"/>, a vertical line) to its value with that figure at each end of its range,
/// the widest swing at the top. The two ends have their own colours, so a figure that moves the output the other
/// way round reads as such.
/// </summary>
public sealed record TornadoChart(string Title, string XLabel, double Nominal, IReadOnlyList<TornadoBar> Bars) : Chart(Title);
