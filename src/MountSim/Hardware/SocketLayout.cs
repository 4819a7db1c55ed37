namespace MountSim.Hardware;

/// <summary>The input shape of one socket: its LLC domains.</summary>
public sealed record SocketLayout(IReadOnlyList<LlcDomainLayout> LlcDomains);
