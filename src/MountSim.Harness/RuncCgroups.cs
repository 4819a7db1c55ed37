using System.Globalization;

namespace MountSim.Calibration.Harness;

/// <summary>
/// The cgroups the harness's containers live in: one parent per harness process,
/// <c>mountsim-harness-PID</c>, in every cgroup hierarchy (runc's <c>cgroupsPath</c>), and a child per
/// worker. A container whose harness died (SIGKILL, a crash) is found there and killed, whatever
/// state runc left: the parent process does it when the harness child ends, and every later run for
/// a harness that is gone.
/// </summary>
public static class RuncCgroups
{
    /// <summary>The cgroup path runc gets for one worker's container.</summary>
    public static string PathFor(int harnessPid, int worker) =>
        string.Create(CultureInfo.InvariantCulture, $"/{ParentName(harnessPid)}/w{worker}");

    /// <summary>Kills every process in the harness's cgroups and removes them; returns what could not be removed.</summary>
    public static IReadOnlyList<string> KillAndRemove(int harnessPid)
    {
        var problems = new List<string>();
        foreach (var hierarchy in Hierarchies())
        {
            var parent = Path.Combine(hierarchy, ParentName(harnessPid));
            if (Directory.Exists(parent))
            {
                Remove(parent, problems);
            }
        }

        return problems;
    }

    /// <summary>Kills and removes the cgroups of harness processes that are gone; returns what could not be removed.</summary>
    public static IReadOnlyList<string> RemoveLeftovers()
    {
        var problems = new List<string>();
        var dead = Hierarchies()
            .SelectMany(h => Directory.EnumerateDirectories(h, WorkDirectory.Prefix + "*"))
            .Select(dir => int.TryParse(Path.GetFileName(dir)[WorkDirectory.Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && !WorkDirectory.IsAlive(pid))
            .Distinct();
        foreach (var pid in dead)
        {
            problems.AddRange(KillAndRemove(pid));
        }

        return problems;
    }

    private static string ParentName(int harnessPid) => string.Create(CultureInfo.InvariantCulture, $"{WorkDirectory.Prefix}{harnessPid}");

    /// <summary>Where cgroup and cgroup2 filesystems are mounted, from this process's mountinfo (fstype after the " - ").</summary>
    private static IEnumerable<string> Hierarchies() =>
        File.ReadLines("/proc/self/mountinfo")
            .Select(line => (Fields: line.Split(' '), Tail: line[(line.IndexOf(" - ", StringComparison.Ordinal) + 3)..].Split(' ')))
            .Where(m => m.Tail[0] is "cgroup" or "cgroup2" && m.Fields.Length > 4)
            .Select(m => m.Fields[4])
            .Distinct(StringComparer.Ordinal);

    /// <summary>Kills the processes of <paramref name="cgroup"/> and below, then removes the directories deepest first (a cgroup goes once empty).</summary>
    private static void Remove(string cgroup, List<string> problems)
    {
        foreach (var child in Directory.EnumerateDirectories(cgroup))
        {
            Remove(child, problems);
        }

        for (var attempt = 0; ; attempt++)
        {
            var procs = Path.Combine(cgroup, "cgroup.procs");
            foreach (var pid in File.Exists(procs) ? File.ReadAllLines(procs) : [])
            {
                LinuxMounts.Kill(int.Parse(pid, CultureInfo.InvariantCulture), 9);
            }

            try
            {
                Directory.Delete(cgroup, recursive: false);
                return;
            }
            catch (IOException) when (attempt < 100)
            {
                // Killed processes take a moment to leave; the directory goes once they have.
                Thread.Sleep(10);
            }
            catch (IOException e)
            {
                problems.Add($"{cgroup}: {e.Message}");
                return;
            }
        }
    }
}
