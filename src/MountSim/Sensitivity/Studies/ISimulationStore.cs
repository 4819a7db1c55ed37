namespace MountSim.Sensitivity.Studies;

/// <summary>Where a study keeps its simulations, so an interrupted study resumes without running them again.</summary>
public interface ISimulationStore
{
    /// <summary>The simulation saved for <paramref name="key"/> with these figure values, if any.</summary>
    StudySimulation? Find(SimulationKey key, IReadOnlyList<double> figures);

    /// <summary>Keeps one simulation; called from several threads at once.</summary>
    void Save(StudySimulation simulation);
}
