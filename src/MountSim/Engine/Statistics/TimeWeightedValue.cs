namespace MountSim.Engine.Statistics;

/// <summary>
/// A level that holds between changes (queue length, busy units): its time-weighted mean is the
/// area under the step function divided by the time observed.
/// </summary>
public sealed class TimeWeightedValue
{
    private long _start;
    private long _lastChange;
    private double _area;

    public TimeWeightedValue(long start = 0, double initial = 0)
    {
        _start = start;
        _lastChange = start;
        Current = initial;
        Max = initial;
    }

    public double Current { get; private set; }

    public double Max { get; private set; }

    /// <summary>Sets the level from time <paramref name="now"/> on.</summary>
    public void Update(long now, double level)
    {
        _area += Current * (now - _lastChange);
        _lastChange = now;
        Current = level;
        if (level > Max)
        {
            Max = level;
        }
    }

    /// <summary>The area under the level from the start (or the last reset) up to <paramref name="now"/>: its time integral.</summary>
    public double Area(long now) => _area + (Current * (now - _lastChange));

    /// <summary>The time-weighted mean from the start (or the last reset) up to <paramref name="now"/>.</summary>
    public double Mean(long now)
    {
        var elapsed = now - _start;
        return elapsed <= 0 ? Current : (_area + (Current * (now - _lastChange))) / elapsed;
    }

    /// <summary>Starts observing afresh at <paramref name="now"/>, keeping the current level.</summary>
    public void Reset(long now)
    {
        _start = now;
        _lastChange = now;
        _area = 0;
        Max = Current;
    }
}
