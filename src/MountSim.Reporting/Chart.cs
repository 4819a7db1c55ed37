namespace MountSim.Reporting;

/// <summary>A chart a report shows; every chart has a title and is saved as PNG and SVG.</summary>
public abstract record Chart(string Title);
