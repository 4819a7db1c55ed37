namespace MountSim.Hardware;

/// <summary>
/// One hardware thread (a Linux CPU). <see cref="Index"/> is its position in the tree order
/// (socket, LLC domain, core, thread), the index every table of the topology uses;
/// <see cref="OsCpu"/> is the number Linux gives it. <see cref="SmtRank"/> is 0 for the first
/// thread of its core, 1 for its sibling.
/// </summary>
public sealed record HardwareThread(int Index, int OsCpu, int CoreIndex, int LlcIndex, int SocketIndex, int NumaNode, int SmtRank);
