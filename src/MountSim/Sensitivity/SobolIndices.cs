namespace MountSim.Sensitivity;

/// <summary>
/// One factor's Sobol' indices: the shares of the output's variance it explains alone (first order) and with all its
/// interactions (total). S_i near S_Ti means the factor acts alone; S_Ti near 0 means it can be fixed anywhere in its range.
/// </summary>
/// <param name="Factor">The factor's name.</param>
/// <param name="FirstOrder">S_i, Saltelli et al. (2010)'s estimator: mean of f(B)(f(AB_i) - f(A)), over V.</param>
/// <param name="FirstOrderInterval">S_i's bootstrap percentile interval.</param>
/// <param name="Total">S_Ti, Jansen (1999)'s estimator: mean of (f(A) - f(AB_i))^2, over 2V.</param>
/// <param name="TotalInterval">S_Ti's bootstrap percentile interval.</param>
public sealed record SobolIndices(string Factor, double FirstOrder, ConfidenceInterval FirstOrderInterval, double Total, ConfidenceInterval TotalInterval);
