using MountSim.Hardware;

namespace MountSim.Tests.Hardware;

/// <summary>The shipped topology library, found from the test's working directory like the CLI finds it.</summary>
internal static class ShippedTopologies
{
    public static TopologyLibrary Library { get; } =
        TopologyLibrary.Find() ?? throw new InvalidOperationException("No topologies folder above the test directory.");

    public static Topology Load(string name) => Library.Load(name);
}
