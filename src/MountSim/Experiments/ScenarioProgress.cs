namespace MountSim.Experiments;

/// <summary>How far a running scenario got: its clock, the starts finished of all, the events so far and the wall time they took.</summary>
public readonly record struct ScenarioProgress(long SimulatedNs, int StartsFinished, int Starts, long Events, double WallSeconds)
{
    public double EventsPerSecond => WallSeconds > 0 ? Events / WallSeconds : 0;
}
