namespace MountSim.Hardware;

/// <summary>A physical core and its hardware threads (one, or two with SMT), in OS cpu order.</summary>
public sealed record Core(int Index, int LlcIndex, int SocketIndex, IReadOnlyList<HardwareThread> Threads);
