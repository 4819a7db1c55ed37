using System.Globalization;
using System.Text.RegularExpressions;

namespace MountSim.Calibration.Harness;

/// <summary>What the host must offer before the harness mounts anything: CAP_SYS_ADMIN and a kernel that idmaps tmpfs.</summary>
public static partial class HostRequirements
{
    /// <summary>The first kernel that can idmap tmpfs mounts.</summary>
    public static Version IdmappedTmpfsKernel { get; } = new(6, 3);

    private const int CapSysAdmin = 21;

    /// <summary>Whether a /proc/PID/status text grants CAP_SYS_ADMIN in CapEff; false when the line is missing or unreadable.</summary>
    public static bool HasSysAdmin(string procStatus)
    {
        ArgumentNullException.ThrowIfNull(procStatus);
        var match = CapEffLine().Match(procStatus);
        return match.Success
            && ulong.TryParse(match.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var capabilities)
            && (capabilities & (1UL << CapSysAdmin)) != 0;
    }

    /// <summary>Major.minor of a kernel release such as <c>6.18.44-cloud-amd64</c>; null when it does not start with them.</summary>
    public static Version? KernelVersion(string osRelease)
    {
        ArgumentNullException.ThrowIfNull(osRelease);
        var match = ReleasePrefix().Match(osRelease.Trim());
        return match.Success
            ? new Version(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>The running kernel's release string.</summary>
    public static string KernelRelease() =>
        File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : Environment.OSVersion.VersionString;

    /// <summary>Why this process cannot run the harness on <paramref name="filesystem"/>, or null when it can.</summary>
    public static string? Refusal(string filesystem)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the harness mounts real filesystems and runs on Linux only.";
        }

        if (!File.Exists("/proc/self/status") || !HasSysAdmin(File.ReadAllText("/proc/self/status")))
        {
            return "the harness needs CAP_SYS_ADMIN (CapEff bit 21 in /proc/self/status) to mount; run it as root.";
        }

        var release = KernelRelease();
        if (filesystem == HarnessOptions.Tmpfs && KernelVersion(release) is { } version && version < IdmappedTmpfsKernel)
        {
            return $"kernel {release} cannot idmap tmpfs mounts (needs {IdmappedTmpfsKernel} or later); use --filesystem DIR on ext4, xfs or btrfs.";
        }

        return null;
    }

    [GeneratedRegex(@"^CapEff:\s*([0-9a-fA-F]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex CapEffLine();

    [GeneratedRegex(@"^(\d+)\.(\d+)")]
    private static partial Regex ReleasePrefix();
}
