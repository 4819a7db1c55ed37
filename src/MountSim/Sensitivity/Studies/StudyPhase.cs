namespace MountSim.Sensitivity.Studies;

/// <summary>The three sets of simulations a configuration's study runs, in order.</summary>
public enum StudyPhase
{
    /// <summary>One figure at a time: the nominal run (index 0), then each figure at the low (2i + 1) and high (2i + 2) end of its range.</summary>
    OneAtATime,

    /// <summary>Morris's trajectories over every varied figure.</summary>
    Morris,

    /// <summary>Saltelli's design over the figures screening keeps, the others at their nominal values.</summary>
    Sobol,
}
