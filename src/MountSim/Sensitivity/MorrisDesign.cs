using MountSim.Engine.Random;

namespace MountSim.Sensitivity;

/// <summary>
/// Morris's elementary-effects screening design (Morris 1991): r trajectories through a grid of p levels
/// {0, 1/(p-1), ..., 1} in the unit cube. A trajectory starts at a random grid point and moves one factor at a
/// time, in a random order, by Delta = p / (2(p - 1)) up or down, so it has d + 1 points and gives one
/// elementary effect per factor. With p even every level is equally likely to be visited (Morris's choice);
/// p = 4, Delta = 2/3 is the usual default. Cost: r(d + 1) evaluations; 10 to 20 trajectories are common.
/// </summary>
public sealed class MorrisDesign
{
    public const int DefaultLevels = 4;

    /// <summary>Two trajectories at least: sigma is a sample standard deviation over them.</summary>
    public const int MinTrajectories = 2;

    private readonly int[][] _moved;
    private readonly double[][] _steps;

    private MorrisDesign(FactorSpace space, int trajectories, int levels, IReadOnlyList<SamplePoint> points, int[][] moved, double[][] steps)
    {
        Space = space;
        Trajectories = trajectories;
        Levels = levels;
        Points = points;
        _moved = moved;
        _steps = steps;
    }

    public FactorSpace Space { get; }

    public int Trajectories { get; }

    /// <summary>p, the grid's number of levels per factor.</summary>
    public int Levels { get; }

    /// <summary>The step in the unit cube, p / (2(p - 1)).</summary>
    public double Delta => Levels / (2.0 * (Levels - 1));

    /// <summary>The r(d + 1) points in real units: trajectory t's k-th point (k = 0 its start) has index t(d + 1) + k.</summary>
    public IReadOnlyList<SamplePoint> Points { get; }

    /// <summary>r trajectories over <paramref name="space"/>, drawn from <paramref name="stream"/>; the same stream state gives the same design.</summary>
    public static MorrisDesign Create(FactorSpace space, int trajectories, RandomStream stream, int levels = DefaultLevels)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(stream);
        if (trajectories < MinTrajectories)
        {
            throw new ArgumentException($"Morris screening needs at least {MinTrajectories} trajectories, so that sigma is defined (got {trajectories}).", nameof(trajectories));
        }

        if (levels < 2 || levels % 2 != 0)
        {
            throw new ArgumentException($"Morris screening needs an even number of levels, 2 or more, so that Delta = p / (2(p - 1)) lands on the grid (got {levels}).", nameof(levels));
        }

        var d = space.Count;
        var half = levels / 2;
        var points = new List<SamplePoint>(trajectories * (d + 1));
        var moved = new int[trajectories][];
        var steps = new double[trajectories][];
        var order = new int[d];
        var grid = new int[d];
        var unit = new double[d];
        for (var t = 0; t < trajectories; t++)
        {
            // On the integer grid 0..p-1 Delta is p/2 levels: the start is one of the p/2 lowest levels, then every
            // factor is put at the top of its move if it will move down.
            var up = new bool[d];
            for (var i = 0; i < d; i++)
            {
                grid[i] = stream.Next(half);
                up[i] = stream.NextUnit() < 0.5;
                if (!up[i])
                {
                    grid[i] += half;
                }

                order[i] = i;
            }

            RandomPermutation.Shuffle(order, stream);
            moved[t] = [.. order];
            steps[t] = new double[d];
            points.Add(space.Point(points.Count, ToUnit(grid, levels, unit)));
            foreach (var i in order)
            {
                grid[i] += up[i] ? half : -half;
                steps[t][i] = (up[i] ? half : -half) / (double)(levels - 1);
                points.Add(space.Point(points.Count, ToUnit(grid, levels, unit)));
            }
        }

        return new MorrisDesign(space, trajectories, levels, points, moved, steps);
    }

    /// <summary>The factor trajectory <paramref name="trajectory"/> moves at its step <paramref name="step"/> (1 to d).</summary>
    internal int MovedFactor(int trajectory, int step) => _moved[trajectory][step - 1];

    /// <summary>The signed step of <paramref name="factor"/> in <paramref name="trajectory"/>, in the unit cube: +Delta or -Delta.</summary>
    internal double Step(int trajectory, int factor) => _steps[trajectory][factor];

    private static double[] ToUnit(int[] grid, int levels, double[] unit)
    {
        for (var i = 0; i < grid.Length; i++)
        {
            unit[i] = grid[i] / (double)(levels - 1);
        }

        return unit;
    }
}
