namespace MountSim.Sensitivity;

/// <summary>
/// One factor's elementary effects over a Morris design. An effect is measured in the unit cube: the change of the
/// output per whole range of the factor ((y(x + Delta e_i) - y(x)) / Delta with x in [0, 1]^d), so y = 10 x1 with
/// x1 in [0, 1] and y = 0.1 x2 with x2 in [0, 100] both have effect 10 and compare directly; for a log-scale factor it is
/// per whole range of the factor's logarithm.
/// </summary>
/// <param name="Factor">The factor's name.</param>
/// <param name="Mu">The mean effect; signed, so effects of both signs may cancel.</param>
/// <param name="MuStar">The mean absolute effect (Campolongo, Cariboni and Saltelli 2007): the factor's overall influence, used to rank.</param>
/// <param name="Sigma">The effects' sample standard deviation: 0 for a factor acting linearly and alone, larger for non-linearity or interactions.</param>
/// <param name="MuStarInterval">A bootstrap percentile interval of mu* over resampled trajectories, when one was asked for.</param>
public sealed record MorrisEffect(string Factor, double Mu, double MuStar, double Sigma, ConfidenceInterval? MuStarInterval);
