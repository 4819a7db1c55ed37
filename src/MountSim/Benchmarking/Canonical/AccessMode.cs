namespace MountSim.Benchmarking.Canonical;

/// <summary>How a client holds a resource: alone, or shared with other readers.</summary>
public enum AccessMode
{
    Exclusive,
    Shared,
}
