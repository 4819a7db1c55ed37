namespace MountSim.Sensitivity;

/// <summary>
/// The outputs a caller gives an analysis: one list per output, indexed by the design's point index. A caller that
/// measures several outputs at each point (a vector per point) turns them into such lists here, one per output.
/// </summary>
public static class OutputColumns
{
    /// <summary>From one vector per point (<paramref name="vectors"/>[point][output]) to one array per output ([output][point]).</summary>
    public static double[][] FromVectors(IReadOnlyList<IReadOnlyList<double>> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Count == 0)
        {
            return [];
        }

        var outputs = vectors[0]?.Count ?? throw new ArgumentException("Point 0's output vector is missing (null).", nameof(vectors));
        var columns = new double[outputs][];
        for (var o = 0; o < outputs; o++)
        {
            columns[o] = new double[vectors.Count];
        }

        for (var p = 0; p < vectors.Count; p++)
        {
            var vector = vectors[p] ?? throw new ArgumentException($"Point {p}'s output vector is missing (null).", nameof(vectors));
            if (vector.Count != outputs)
            {
                throw new ArgumentException($"Point {p} has {vector.Count} outputs where point 0 has {outputs}; every point needs the same outputs.", nameof(vectors));
            }

            for (var o = 0; o < outputs; o++)
            {
                columns[o][p] = vector[o];
            }
        }

        return columns;
    }

    /// <summary>Checks that <paramref name="outputs"/> holds one finite number for each of a design's <paramref name="points"/> points.</summary>
    internal static void Check(IReadOnlyList<double> outputs, int points, string design)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Count != points)
        {
            throw new ArgumentException($"The {design} design has {points} points, so it needs {points} outputs, one per point by index; got {outputs.Count}.", nameof(outputs));
        }

        for (var i = 0; i < outputs.Count; i++)
        {
            if (!double.IsFinite(outputs[i]))
            {
                throw new ArgumentException($"The output at point {i} is {outputs[i]}; every output must be a finite number.", nameof(outputs));
            }
        }
    }
}
