namespace MountSim.Calibration.Harness;

/// <summary>The machine measured: kernel and detected topology.</summary>
public sealed record HarnessHost(string Kernel, string? CpuModel, int Sockets, int LlcDomains, int Cores, int Threads, string Cpus);
