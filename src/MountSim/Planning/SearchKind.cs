namespace MountSim.Planning;

/// <summary>What a plan finds per candidate: the largest burst, or the highest sustained start rate, within the objective.</summary>
public enum SearchKind
{
    /// <summary>N starts released at once: the search runs over N.</summary>
    Burst,

    /// <summary>Starts arriving as a Poisson stream for the plan's sustain time: the search runs over the rate.</summary>
    Rate,
}
