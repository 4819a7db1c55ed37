using System.Globalization;

namespace MountSim.Calibration.Harness;

/// <summary>
/// The image layers every strategy mounts, in directories <c>1</c> (lowest) to <c>N</c> (top):
/// layer 1 holds <c>root_file</c> (uid 0), <c>user1000_file</c> and <c>dir1000/inner</c> (uid 1000)
/// and <c>shadowed</c>; each middle layer its own file and <c>shadowed</c>; the top layer
/// <c>top_only</c> and the <c>shadowed</c> that must win.
/// </summary>
internal static class LayerFixture
{
    public const string RootFile = "root_file";
    public const string User1000File = "user1000_file";
    public const string User1000Dir = "dir1000";
    public const string User1000Inner = "dir1000/inner";
    public const string Shadowed = "shadowed";
    public const string TopOnly = "top_only";

    public static string ShadowedOnTop(int layers) => Invariant($"from layer {layers} (top)\n");

    public static void Build(string layersDir, int layers)
    {
        for (var layer = 1; layer <= layers; layer++)
        {
            var dir = Path.Combine(layersDir, Invariant($"{layer}"));
            Directory.CreateDirectory(dir);
            if (layer == 1)
            {
                File.WriteAllText(Path.Combine(dir, RootFile), "owned by root\n");
                File.WriteAllText(Path.Combine(dir, User1000File), "owned by 1000\n");
                Directory.CreateDirectory(Path.Combine(dir, User1000Dir));
                File.WriteAllText(Path.Combine(dir, User1000Inner), "inside a directory owned by 1000\n");
                foreach (var path in new[] { User1000File, User1000Dir, User1000Inner })
                {
                    Chown(Path.Combine(dir, path), 1000);
                }
            }
            else
            {
                File.WriteAllText(Path.Combine(dir, Invariant($"layer{layer}_file")), Invariant($"only in layer {layer}\n"));
            }

            if (layer == layers)
            {
                File.WriteAllText(Path.Combine(dir, TopOnly), "only in the top layer\n");
            }

            File.WriteAllText(Path.Combine(dir, Shadowed), layer == layers ? ShadowedOnTop(layers) : Invariant($"from layer {layer}\n"));
        }
    }

    /// <summary>The directories runc mounts onto, and a static shell for the container to run.</summary>
    public static readonly string[] ContainerRootDirectories = ["bin", "proc", "dev", "sys", "tmp"];

    /// <summary>
    /// Makes the lowest layer a container's root too: runc's mountpoints and a static busybox as
    /// <c>/bin/sh</c>, owned by root on disk like an image's files.
    /// </summary>
    public static void AddContainerRoot(string layersDir, string busybox)
    {
        var bottom = Path.Combine(layersDir, "1");
        foreach (var dir in ContainerRootDirectories)
        {
            Directory.CreateDirectory(Path.Combine(bottom, dir));
        }

        File.Copy(busybox, Path.Combine(bottom, "bin", "busybox"));
        File.CreateSymbolicLink(Path.Combine(bottom, "bin", "sh"), "busybox");
    }

    public static void Chown(string path, int id)
    {
        if (LinuxMounts.Chown(path, id, id) != 0)
        {
            throw new HarnessException($"chown {path}: {LinuxMounts.Describe(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
