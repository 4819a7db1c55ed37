namespace MountSim.Reporting;

/// <summary>A chart drawn: the PNG's bytes and the SVG's text.</summary>
#pragma warning disable CA1819 // The PNG is handed to a file writer whole, never changed.
public sealed record RenderedChart(byte[] Png, string Svg);
#pragma warning restore CA1819
