namespace MountSim.Hardware;

/// <summary>
/// Measured one-way transfer latency for every ordered pair of CPUs (row = holder, column =
/// requester), keyed by OS cpu number so that a variant that drops CPUs can still use it.
/// Overrides the per-class latencies for the pairs it covers.
/// </summary>
public sealed class PairLatencyMatrix
{
    private readonly Dictionary<int, int> _position;
    private readonly double[] _ns;

    public PairLatencyMatrix(IReadOnlyList<int> osCpus, IReadOnlyList<double> rowMajorNs)
    {
        ArgumentNullException.ThrowIfNull(osCpus);
        ArgumentNullException.ThrowIfNull(rowMajorNs);
        if (rowMajorNs.Count != osCpus.Count * osCpus.Count)
        {
            throw new ArgumentException($"A matrix over {osCpus.Count} CPUs needs {osCpus.Count * osCpus.Count} values, not {rowMajorNs.Count}.", nameof(rowMajorNs));
        }

        OsCpus = [.. osCpus];
        _position = new Dictionary<int, int>(osCpus.Count);
        for (var i = 0; i < osCpus.Count; i++)
        {
            if (!_position.TryAdd(osCpus[i], i))
            {
                throw new ArgumentException($"CPU {osCpus[i]} appears twice in the matrix.", nameof(osCpus));
            }
        }

        _ns = [.. rowMajorNs];
    }

    public IReadOnlyList<int> OsCpus { get; }

    public bool Covers(int osCpu) => _position.ContainsKey(osCpu);

    public double this[int fromOsCpu, int toOsCpu] => _ns[(_position[fromOsCpu] * OsCpus.Count) + _position[toOsCpu]];
}
