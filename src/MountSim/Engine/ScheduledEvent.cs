namespace MountSim.Engine;

/// <summary>An entry of the future event list, ordered by (time, sequence).</summary>
public readonly record struct ScheduledEvent(long Time, long Sequence, EntityId Target, int Tag)
{
    /// <summary>Earlier time first; at equal times, the event scheduled first runs first.</summary>
    public bool Precedes(in ScheduledEvent other) =>
        Time < other.Time || (Time == other.Time && Sequence < other.Sequence);
}
