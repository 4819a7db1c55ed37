using MountSim.Hardware;
using MountSim.Yaml;

namespace MountSim.Cli;

/// <summary>Input files a command loads before it runs: a broken one ends as a message on the error writer (the command then exits 2).</summary>
public static class CommandInput
{
    /// <summary>What <paramref name="load"/> returns, or null after reporting why it failed.</summary>
    public static T? Load<T>(TextWriter error, Func<T> load)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(load);
        try
        {
            return load();
        }
        catch (Exception e) when (e is InputFileException or UnknownNameException or UnknownTopologyException or ArgumentException or FormatException)
        {
            error.WriteLine($"mountsim: {e.Message}");
            return null;
        }
    }
}
