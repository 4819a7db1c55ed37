namespace MountSim.Planning;

/// <summary>Where a plan keeps its simulations, so an interrupted plan resumes without running them again.</summary>
public interface IProbeStore
{
    /// <summary>The run saved for <paramref name="key"/>, if any.</summary>
    ProbeRun? Find(ProbeKey key);

    /// <summary>Keeps one run; called from several threads at once.</summary>
    void Save(ProbeRun run);
}
