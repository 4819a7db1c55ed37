using System.Globalization;
using System.Runtime.InteropServices;

namespace MountSim.Calibration.Harness;

/// <summary>
/// Extra mounts in the harness's private namespace, so the work that grows with the mount table
/// (the copy of the namespace a container gets, the runtime's reads of mountinfo) can be measured
/// apart from the burst: a tmpfs with one directory per mount, each bind-mounted onto itself.
/// </summary>
internal static class MountTablePadding
{
    /// <summary>Adds <paramref name="mounts"/> mounts under <paramref name="directory"/> (the tmpfs is one of them).</summary>
    public static void Add(string directory, int mounts)
    {
        if (mounts <= 0)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        using var tmpfs = new NativeString("tmpfs");
        using var root = new NativeString(directory);
        Check(LinuxMounts.Mount(tmpfs.Pointer, root.Pointer, tmpfs.Pointer, 0, 0), directory);
        for (var i = 1; i < mounts; i++)
        {
            var path = Path.Combine(directory, i.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(path);
            using var target = new NativeString(path);
            Check(LinuxMounts.Mount(target.Pointer, target.Pointer, 0, LinuxMounts.MsBind, 0), path);
        }
    }

    private static void Check(int result, string path)
    {
        if (result != 0)
        {
            throw new HarnessException($"padding mount {path}: {LinuxMounts.Describe(Marshal.GetLastPInvokeError())}");
        }
    }
}
