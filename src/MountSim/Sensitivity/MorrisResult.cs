namespace MountSim.Sensitivity;

/// <summary>One output's Morris screening: each factor's effects, in the space's order.</summary>
public sealed record MorrisResult(IReadOnlyList<MorrisEffect> Effects, int Trajectories)
{
    /// <summary>The factors from most to least influential by mu*; ties keep the space's order.</summary>
    public IReadOnlyList<MorrisEffect> Ranking => [.. Effects.OrderByDescending(e => e.MuStar)];
}
