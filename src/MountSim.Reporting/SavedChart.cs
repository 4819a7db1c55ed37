namespace MountSim.Reporting;

/// <summary>A chart written to the plots folder as <c>{Stem}.png</c> and <c>{Stem}.svg</c>.</summary>
public sealed record SavedChart(string Title, string Stem);
