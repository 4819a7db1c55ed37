using MountSim.Files;

namespace MountSim.Reporting;

/// <summary>A chart drawn: the PNG's bytes and the SVG's text.</summary>
#pragma warning disable CA1819 // The PNG is handed to a file writer whole, never changed.
public sealed record RenderedChart(byte[] Png, string Svg)
#pragma warning restore CA1819
{
    /// <summary>Writes <c>{stem}.png</c> and <c>{stem}.svg</c> into a results folder.</summary>
    public void WriteTo(OwnedFolder folder, string stem)
    {
        ArgumentNullException.ThrowIfNull(folder);
        folder.Write(stem + ".png", Png);
        folder.Write(stem + ".svg", Svg);
    }
}
