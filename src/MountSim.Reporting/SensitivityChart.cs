namespace MountSim.Reporting;

/// <summary>A sensitivity study's chart as saved: which configuration and output it shows, and its files.</summary>
public sealed record SensitivityChart(int Configuration, int Output, SavedChart Saved);
