namespace MountSim.Hardware;

/// <summary>
/// One-way cache-line transfer latency per distance class, in ns. A class is null when the file
/// gives no number for it; that is only allowed when no pair of threads falls into it.
/// <see cref="FarHomeExtraNs"/> is added to a cross-socket transfer when the line's home (its memory)
/// is not on the socket that holds it modified: the request goes home first and is forwarded
/// (FD.io MLC: 115.6 ns writer-homed vs 178.2 ns reader-homed on Cascade Lake).
/// </summary>
public sealed record LatencyTable(double? SmtSiblingNs, double? SameLlcNs, double? SameSocketNs, double? CrossSocketNs, double FarHomeExtraNs = 0)
{
    public double? For(DistanceClass distance) => distance switch
    {
        DistanceClass.Self => 0,
        DistanceClass.SmtSibling => SmtSiblingNs,
        DistanceClass.SameLlc => SameLlcNs,
        DistanceClass.SameSocket => SameSocketNs,
        DistanceClass.CrossSocket => CrossSocketNs,
        _ => throw new ArgumentOutOfRangeException(nameof(distance), distance, null),
    };

    /// <summary>The YAML key of a class under <c>latency:</c>.</summary>
    public static string KeyOf(DistanceClass distance) => distance switch
    {
        DistanceClass.Self => "self",
        DistanceClass.SmtSibling => "smt_sibling",
        DistanceClass.SameLlc => "same_llc",
        DistanceClass.SameSocket => "same_socket",
        DistanceClass.CrossSocket => "cross_socket",
        _ => throw new ArgumentOutOfRangeException(nameof(distance), distance, null),
    };
}
