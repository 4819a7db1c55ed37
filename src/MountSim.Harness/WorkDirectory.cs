using System.Globalization;
using System.Runtime.InteropServices;
using MountSim.Files;

namespace MountSim.Calibration.Harness;

/// <summary>
/// The harness's scratch directory: <c>layers/</c>, <c>probe/</c> (a small tmpfs the path-walk probes
/// cross) and <c>workers/N/</c> (each worker's targets). With <see cref="HarnessOptions.Tmpfs"/> a
/// tmpfs is mounted on the directory itself, inside the private mount namespace, so the host only
/// ever sees an empty directory. Cleanup detaches every mount below it and then deletes without
/// crossing into another filesystem: a still-attached bind mount must never lose its source's files.
/// </summary>
public sealed class WorkDirectory
{
    /// <summary>Names of work directories in their parent: <c>mountsim-harness-PID-RANDOM</c>.</summary>
    public const string Prefix = "mountsim-harness-";

    private readonly bool _onTmpfs;

    private WorkDirectory(string path, bool onTmpfs)
    {
        Root = path;
        _onTmpfs = onTmpfs;
    }

    /// <summary>The work directory itself (a full path).</summary>
    public string Root { get; }

    public string Layers => Path.Combine(Root, "layers");

    public string Probe => Path.Combine(Root, "probe");

    /// <summary>Where <c>--table-mounts</c> puts its extra mounts.</summary>
    public string Padding => Path.Combine(Root, "padding");

    /// <summary>runc's state (<c>--root</c>) and the default bundle <c>runc spec</c> wrote.</summary>
    public string Runc => Path.Combine(Root, "runc");

    /// <summary>The file the probes stat: the walk crosses the work directory's and the probe's mountpoints.</summary>
    public string ProbeTarget => Path.Combine(Probe, "a", "b", "c", "file");

    public string Worker(int index) => Path.Combine(Root, "workers", index.ToString(CultureInfo.InvariantCulture));

    /// <summary>Creates a fresh, empty work directory under <paramref name="parent"/> (host side).</summary>
    public static string CreateUnder(string parent)
    {
        var path = Path.Combine(parent, string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Environment.ProcessId}-{Random.Shared.Next(1_000_000):D6}"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// Removes work directories of earlier runs that were killed, but only empty ones of processes
    /// that are gone, and never recursively: a non-empty one may hold someone's files, and removing
    /// a live run's directory would detach the tmpfs its private namespace has mounted there
    /// (Linux lazily unmounts mounts on a directory removed in another namespace). Returns those kept.
    /// </summary>
    public static IReadOnlyList<string> RemoveEmptyLeftovers(string parent)
    {
        var kept = new List<string>();
        if (!Directory.Exists(parent))
        {
            return kept;
        }

        foreach (var dir in Directory.EnumerateDirectories(parent, Prefix + "*"))
        {
            if (OwnerIsAlive(dir))
            {
                continue;
            }

            try
            {
                if (!Directory.EnumerateFileSystemEntries(dir).Any())
                {
                    Directory.Delete(dir, recursive: false);
                }
                else
                {
                    kept.Add(dir);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                kept.Add(dir);
            }
        }

        return kept;
    }

    /// <summary>Whether the process named in a work directory's name (<c>mountsim-harness-PID-...</c>) still runs; unparsable names count as alive.</summary>
    private static bool OwnerIsAlive(string dir)
    {
        var name = Path.GetFileName(dir)[Prefix.Length..];
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash <= 0
            || !int.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || IsAlive(pid);
    }

    /// <summary>Whether process <paramref name="pid"/> exists and is not a zombie (killed, not yet reaped).</summary>
    internal static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z') is false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Takes <paramref name="path"/> as the work directory, only if it is an empty directory named
    /// like one: cleanup deletes whatever is inside, so it must never be handed someone's directory.
    /// </summary>
    /// <exception cref="HarnessException">Not such a directory.</exception>
    public static WorkDirectory Claim(string path, bool onTmpfs)
    {
        var full = Path.GetFullPath(path);
        if (!Path.GetFileName(full).StartsWith(Prefix, StringComparison.Ordinal) || !Directory.Exists(full) || Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new HarnessException($"{full} is not an empty directory named {Prefix}*; refusing to use it as the work directory.");
        }

        return new WorkDirectory(full, onTmpfs);
    }

    /// <summary>Inside the private namespace: the tmpfs (if asked), the layers and the probe mount.</summary>
    public void Prepare(int layers)
    {
        if (_onTmpfs)
        {
            MountTmpfs(Root);
        }

        LayerFixture.Build(Layers, layers);
        Directory.CreateDirectory(Probe);
        MountTmpfs(Probe);
        Directory.CreateDirectory(Path.GetDirectoryName(ProbeTarget)!);
        File.WriteAllText(ProbeTarget, "probe\n");
    }

    /// <summary>Detaches everything mounted at or below the work directory, deepest first, then deletes what is left on its own filesystem.</summary>
    public IReadOnlyList<string> Clean()
    {
        var problems = new List<string>();
        for (var round = 0; round < 10; round++)
        {
            var mounted = MountpointsBelow(Root);
            if (mounted.Count == 0)
            {
                break;
            }

            foreach (var mountpoint in mounted.OrderByDescending(m => m.Length))
            {
                using var native = new NativeString(mountpoint);
                if (LinuxMounts.Umount2(native.Pointer, LinuxMounts.MntDetach) != 0 && round == 9)
                {
                    problems.Add($"umount2 {mountpoint}: {LinuxMounts.Describe(Marshal.GetLastPInvokeError())}");
                }
            }
        }

        if (Directory.Exists(Root))
        {
            RemoveOneFileSystem(Root, problems);
        }

        return problems;
    }

    /// <summary>Mount points of this thread's namespace at or below <paramref name="root"/>, from mountinfo's fifth field.</summary>
    private static List<string> MountpointsBelow(string root)
    {
        var below = new List<string>();
        foreach (var line in File.ReadLines("/proc/thread-self/mountinfo"))
        {
            var fields = line.Split(' ');
            if (fields.Length < 5)
            {
                continue;
            }

            var mountpoint = Unescape(fields[4]);
            if (mountpoint == root || mountpoint.StartsWith(root + "/", StringComparison.Ordinal))
            {
                below.Add(mountpoint);
            }
        }

        return below;
    }

    private static void MountTmpfs(string target)
    {
        using var source = new NativeString("tmpfs");
        using var native = new NativeString(target);
        using var data = new NativeString("mode=0755");
        if (LinuxMounts.Mount(source.Pointer, native.Pointer, source.Pointer, 0, data.Pointer) != 0)
        {
            throw new HarnessException($"mount tmpfs on {target}: {LinuxMounts.Describe(Marshal.GetLastPInvokeError())}");
        }
    }

    /// <summary>Deletes the contents of <paramref name="root"/>, skipping any directory on another device (like <c>rm -r --one-file-system</c>); keeps <paramref name="root"/> itself.</summary>
    private static void RemoveOneFileSystem(string root, List<string> problems)
    {
        var buffer = new byte[FileStatus.BufferSize];
        FileStatus? Status(string path)
        {
            using var native = new NativeString(path);
            return LinuxMounts.Stat(native.Pointer, buffer, out var status) == 0 ? status : null;
        }

        if (Status(root) is not { } rootStatus)
        {
            return;
        }

        void Empty(string dir)
        {
            foreach (var entry in Directory.GetFileSystemEntries(dir))
            {
                if (Status(entry) is not { } status)
                {
                    continue;
                }

                if (status.DevMajor != rootStatus.DevMajor || status.DevMinor != rootStatus.DevMinor)
                {
                    problems.Add($"{entry} is on another filesystem (still mounted?); left in place.");
                    continue;
                }

                try
                {
                    if (status.IsDirectory)
                    {
                        Empty(entry);
                        Directory.Delete(entry, recursive: false);
                    }
                    else
                    {
                        File.Delete(entry);
                    }
                }
                catch (IOException e)
                {
                    problems.Add($"{entry}: {e.Message}");
                }
            }
        }

        Empty(root);
    }

    /// <summary>mountinfo writes space, tab, newline and backslash in paths as octal escapes (\040 ...).</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new System.Text.StringBuilder();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && int.TryParse(field.AsSpan(i + 1, 3), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }
}
