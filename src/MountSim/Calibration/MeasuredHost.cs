namespace MountSim.Calibration;

/// <summary>The measured host: its kernel release (<c>uname -r</c>), its CPU count and, when known, the topology to simulate it on (a shipped name or a YAML path).</summary>
public sealed record MeasuredHost(string Kernel, int Cpus, string? Topology);
