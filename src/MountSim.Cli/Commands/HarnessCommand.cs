using System.CommandLine;
using MountSim.Calibration.Harness;
using MountSim.Hardware;
using MountSim.Hardware.Sysfs;
using MountSim.Text;

namespace MountSim.Cli.Commands;

/// <summary>
/// <c>mountsim harness</c>: measurements of this host. <c>run</c> does containerd's idmapped container-root
/// setups on the real kernel (<see cref="HarnessRunCommand"/>); <c>c2c</c> and <c>lockbench</c> measure the
/// hardware under the locks (cache-line transfers per distance class, one contended spinlock);
/// <c>noise</c> measures the OS and hypervisor noise that preempts a lock's holder.
/// </summary>
public static class HarnessCommand
{
    public static Command Build()
    {
        var harness = new Command("harness", "Real-mount validation harness: measure idmapped container-root setups on this host's kernel, cache-line latencies, a contended lock and OS noise.");
        harness.Subcommands.Add(HarnessRunCommand.Build());
        harness.Subcommands.Add(HarnessC2cCommand.Build());
        harness.Subcommands.Add(HarnessLockBenchCommand.Build());
        harness.Subcommands.Add(HarnessNoiseCommand.Build());
        return harness;
    }

    /// <summary>
    /// This host's topology, which the harness commands' options are checked against (CPUs, placements): a host
    /// whose sysfs cannot be read is refused as their input (exit 2), before anything is measured.
    /// </summary>
    internal static Topology HostTopology()
    {
        try
        {
            return new SysfsTopologyDetector().Detect().Topology;
        }
        catch (TopologyDetectionException e)
        {
            throw new CommandInputException(e.Message, e);
        }
    }

    /// <summary>
    /// What <paramref name="measure"/> returns; a harness step that fails becomes a <see cref="CommandFailedException"/>
    /// saying "<paramref name="what"/> failed: ..." (exit 1).
    /// </summary>
    internal static T Measure<T>(string what, Func<T> measure)
    {
        try
        {
            return measure();
        }
        catch (Exception e) when (e is HarnessException or TopologyDetectionException)
        {
            throw new CommandFailedException($"{what} failed: {e.Message}", e);
        }
    }

    internal static TimeSpan Duration(string text) =>
        Durations.TryParseNanoseconds(text, out var ns) && ns >= 1e6 && ns / 100 < TimeSpan.MaxValue.Ticks
            ? TimeSpan.FromTicks((long)(ns / 100))
            : throw new FormatException($"--duration expects a time with a unit of at least 1ms (500ms, 1s, 2m), got '{text}'.");
}
