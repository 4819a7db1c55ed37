using System.Diagnostics;
using MountSim.Calibration.Harness;

namespace MountSim.Tests.Calibration.Harness;

/// <summary>Whether this machine can run the real-mount harness (CI: Linux as root); tests skip with the reason otherwise.</summary>
internal static class RealMountHost
{
    public static void SkipUnlessAvailable()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("The harness mounts real filesystems: Linux only.");
        }

        if (HostRequirements.Refusal(HarnessOptions.Tmpfs) is { } refusal)
        {
            Assert.Skip($"This host cannot run the harness: {refusal}");
        }

        if (!File.Exists("/usr/bin/unshare") && !File.Exists("/bin/unshare"))
        {
            Assert.Skip("util-linux's unshare is not installed.");
        }
    }

    /// <summary>The host mount table as this (host-namespace) process sees it.</summary>
    public static string[] Mountinfo() => File.ReadAllLines("/proc/self/mountinfo");

    /// <summary>The built CLI, beside the tests because the test project references it.</summary>
    public static ProcessStartInfo Cli(params string[] arguments)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "MountSim.Cli.dll");
        Assert.True(File.Exists(cli), $"{cli} not found");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[cli, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
