using System.Globalization;
using System.Text.RegularExpressions;

namespace MountSim.Reporting;

/// <summary>
/// Skia names clip paths and images in an SVG from counters that run on across every SVG a process writes;
/// numbering them afresh in each document makes the same chart give the same bytes.
/// </summary>
internal static partial class SvgIds
{
    public static string Renumber(string svg)
    {
        var fresh = new Dictionary<string, string>(StringComparer.Ordinal);
        return Reference().Replace(svg, match =>
        {
            if (!fresh.TryGetValue(match.Value, out var id))
            {
                id = string.Create(CultureInfo.InvariantCulture, $"{match.Groups["kind"].Value}_{fresh.Count}");
                fresh.Add(match.Value, id);
            }

            return id;
        });
    }

    [GeneratedRegex("""(?<=id="|url\(#|href="#)(?<kind>cl|img)_[0-9a-f]+(?=[")])""")]
    private static partial Regex Reference();
}
