using System.Globalization;
using System.Text.RegularExpressions;

namespace MountSim.Hardware.Sysfs;

/// <summary>
/// This host's topology from <c>/sys/devices/system/cpu</c> and <c>/sys/devices/system/node</c>,
/// restricted to the CPUs this process may use (online, its affinity, its cgroup cpuset).
/// Every path is read under <see cref="Root"/>, so a captured tree stands in for the real one
/// (as hwloc's HWLOC_FSROOT does).
/// </summary>
public sealed partial class SysfsTopologyDetector(string root = "/")
{
    /// <summary>Latencies no file on the host can tell; the calibration harness replaces them.</summary>
    private static readonly LatencyTable Placeholders = new(8, 50, 100, 130);

    private const string PlaceholderSource = "calibrate: unknown on this host; placeholder from ../shared/reference/hardware.md (ICX/Milan magnitudes)";

    /// <summary>Stands in for <c>/</c>: holds sys/devices/system/..., and optionally proc/self/{status,cgroup} and sys/fs/cgroup.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    private string CpuDir => Under("sys/devices/system/cpu");

    private string NodeDir => Under("sys/devices/system/node");

    /// <exception cref="TopologyDetectionException">No CPU directory, or no usable CPU.</exception>
    public Detection Detect()
    {
        if (!Directory.Exists(CpuDir))
        {
            throw new TopologyDetectionException($"{CpuDir} does not exist; is '{Root}' a root holding sys/devices/system/cpu?");
        }

        var notes = new List<string>();
        var online = ReadCpuList(Path.Combine(CpuDir, "online")) ?? CpuDirectories();
        var usable = online.ToHashSet();
        notes.Add($"online CPUs {CpuList.Format(online)}");
        if (ReadAffinity() is { } affinity)
        {
            usable.IntersectWith(affinity);
            notes.Add($"process affinity (Cpus_allowed_list) {CpuList.Format(affinity)}");
        }

        if (ReadCpuset() is var (cpusetFile, cpuset))
        {
            usable.IntersectWith(cpuset);
            notes.Add($"cgroup cpuset {CpuList.Format(cpuset)} ({Path.GetRelativePath(Root, cpusetFile)})");
        }

        if (usable.Count == 0)
        {
            throw new TopologyDetectionException($"No usable CPU: {string.Join("; ", notes)}.");
        }

        notes.Add($"usable CPUs {CpuList.Format(usable)}");
        var nodeOfCpu = ReadNodes(out var nodeIds);
        var cpus = usable.Order().Select(cpu => ReadCpu(cpu, usable, nodeOfCpu)).ToList();
        var sockets = BuildSockets(cpus, notes);

        var shape = new Topology(new TopologySpec
        {
            Name = "shape",
            Sockets = sockets,
            Latencies = Placeholders,
            Coherence = CoherenceArbitration.Centralized(Placeholders.SameLlcNs!.Value),
        });
        var sources = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["sockets"] = $"detected from sys/devices/system/cpu and node: {string.Join("; ", notes)}",
        };
        double? Placeholder(DistanceClass distance)
        {
            if (!shape.ExistingClasses().Contains(distance))
            {
                return null;
            }

            sources["latency." + LatencyTable.KeyOf(distance)] = PlaceholderSource;
            return Placeholders.For(distance);
        }

        var latencies = new LatencyTable(
            Placeholder(DistanceClass.SmtSibling), Placeholder(DistanceClass.SameLlc), Placeholder(DistanceClass.SameSocket), Placeholder(DistanceClass.CrossSocket));
        CoherenceArbitration coherence;
        if (sockets.Any(s => s.LlcDomains.Count > 1))
        {
            coherence = CoherenceArbitration.Distributed(Placeholders.SameLlcNs!.Value, Placeholders.SameSocketNs!.Value);
            sources["coherence"] = "calibrate: several LLC domains per socket, so chiplet-style (distributed) arbitration is assumed; placeholder service times";
        }
        else
        {
            coherence = CoherenceArbitration.Centralized(Placeholders.SameLlcNs!.Value);
            sources["coherence"] = "calibrate: one LLC domain per socket, so mesh-style (centralized) arbitration is assumed; placeholder service time";
        }

        if (shape.HasSmt)
        {
            sources["smt_slowdown"] = "calibrate: placeholder, no public number";
        }

        var possible = ReadCpuList(Path.Combine(CpuDir, "possible"))?.Count;
        if (possible is not null)
        {
            sources["nr_possible_cpus"] = "detected: sys/devices/system/cpu/possible";
        }

        var distances = ReadNumaDistances(nodeIds, shape.NumaNodes);
        if (distances is not null)
        {
            sources["numa_distances"] = "detected: sys/devices/system/node/node*/distance";
        }

        var topology = new Topology(new TopologySpec
        {
            Name = "detected-" + HostName(),
            Cpu = CpuModel(),
            Description = $"Detected by mountsim topology detect from {Root}; latencies are placeholders to calibrate.",
            Sockets = sockets,
            Latencies = latencies,
            Coherence = coherence,
            SmtSlowdown = shape.HasSmt ? 1.25 : 1,
            NrPossibleCpus = possible is { } p ? Math.Max(p, usable.Count) : null,
            NumaDistances = distances,
            Sources = sources,
        });
        return new Detection(topology, [.. usable.Order()], notes);
    }

    /// <summary>A package or core id, or null for the "not provided" sentinels 65535 and -1.</summary>
    public static int? ParseId(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) && id is not (-1 or 65535) ? id : null;

    private CpuInfo ReadCpu(int cpu, HashSet<int> usable, Dictionary<int, int> nodeOfCpu)
    {
        var dir = Path.Combine(CpuDir, string.Create(CultureInfo.InvariantCulture, $"cpu{cpu}"));
        var package = ParseId(ReadText(Path.Combine(dir, "topology", "physical_package_id"))) ?? 0;
        var siblings = (ReadCpuList(Path.Combine(dir, "topology", "thread_siblings_list"))
            ?? ReadCpuList(Path.Combine(dir, "topology", "core_cpus_list"))
            ?? [cpu]).Where(usable.Contains).Append(cpu).Distinct().Order().ToList();
        var llc = ReadLastLevelCache(dir)?.Where(usable.Contains).Append(cpu).Distinct().Order().ToList();
        return new CpuInfo(cpu, package, siblings, llc, nodeOfCpu.GetValueOrDefault(cpu));
    }

    /// <summary>The CPUs sharing the highest-level data or unified cache, chosen by its level and type files, never by index number.</summary>
    private static IReadOnlyList<int>? ReadLastLevelCache(string cpuDir)
    {
        var cacheDir = Path.Combine(cpuDir, "cache");
        if (!Directory.Exists(cacheDir))
        {
            return null;
        }

        var best = -1;
        IReadOnlyList<int>? shared = null;
        foreach (var index in Directory.EnumerateDirectories(cacheDir, "index*"))
        {
            var type = ReadText(Path.Combine(index, "type"));
            if (!int.TryParse(ReadText(Path.Combine(index, "level")), NumberStyles.None, CultureInfo.InvariantCulture, out var level)
                || type is null or "Instruction" || level <= best)
            {
                continue;
            }

            if (ReadCpuList(Path.Combine(index, "shared_cpu_list")) is { } cpus)
            {
                (best, shared) = (level, cpus);
            }
        }

        return shared;
    }

    private static List<SocketLayout> BuildSockets(List<CpuInfo> cpus, List<string> notes)
    {
        var sockets = new List<SocketLayout>();
        foreach (var package in cpus.GroupBy(c => c.Package).OrderBy(g => g.Key))
        {
            var packageCpus = package.Select(c => c.Cpu).ToHashSet();

            // Without cache information the package is the LLC domain; an LLC never spans packages here.
            var llcs = package
                .GroupBy(c => CpuList.Format((c.Llc ?? [.. packageCpus]).Where(packageCpus.Contains)))
                .OrderBy(g => g.Min(c => c.Cpu))
                .Select(llc =>
                {
                    var nodes = llc.Select(c => c.NumaNode).Distinct().Order().ToList();
                    if (nodes.Count > 1)
                    {
                        notes.Add($"LLC domain {llc.Key} spans NUMA nodes {string.Join(",", nodes)}; recorded in node {nodes[0]}");
                    }

                    var cores = llc.GroupBy(c => CpuList.Format(c.Siblings.Where(packageCpus.Contains)))
                        .OrderBy(g => g.Min(c => c.Cpu))
                        .Select(core => (IReadOnlyList<int>)[.. core.Select(c => c.Cpu).Order()])
                        .ToList();
                    return new LlcDomainLayout(llc.OrderBy(c => c.Cpu).First().NumaNode, cores);
                })
                .ToList();
            sockets.Add(new SocketLayout(llcs));
        }

        return sockets;
    }

    private Dictionary<int, int> ReadNodes(out List<int> nodeIds)
    {
        var nodeOfCpu = new Dictionary<int, int>();
        nodeIds = [];
        if (!Directory.Exists(NodeDir))
        {
            return nodeOfCpu;
        }

        var online = ReadCpuList(Path.Combine(NodeDir, "online"));
        foreach (var dir in Directory.EnumerateDirectories(NodeDir, "node*"))
        {
            if (NodeNumber().Match(Path.GetFileName(dir)) is not { Success: true } match)
            {
                continue;
            }

            var node = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            if (online is not null && !online.Contains(node))
            {
                continue;
            }

            nodeIds.Add(node);
            foreach (var cpu in ReadCpuList(Path.Combine(dir, "cpulist")) ?? [])
            {
                nodeOfCpu[cpu] = node;
            }
        }

        nodeIds.Sort();
        return nodeOfCpu;
    }

    /// <summary>SLIT rows for the nodes that hold usable CPUs; each node's distance file lists every online node in order.</summary>
    private List<IReadOnlyList<int>>? ReadNumaDistances(List<int> nodeIds, IReadOnlyList<int> usedNodes)
    {
        if (usedNodes.Any(node => !nodeIds.Contains(node)))
        {
            return null;
        }

        var rows = new List<IReadOnlyList<int>>();
        foreach (var node in usedNodes)
        {
            var text = ReadText(Path.Combine(NodeDir, string.Create(CultureInfo.InvariantCulture, $"node{node}"), "distance"));
            var all = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : -1).ToList();
            if (all is null || all.Count != nodeIds.Count || all.Contains(-1))
            {
                return null;
            }

            rows.Add([.. usedNodes.Select(other => all[nodeIds.IndexOf(other)])]);
        }

        return rows;
    }

    private IReadOnlyList<int>? ReadAffinity()
    {
        var status = ReadText(Under("proc/self/status"));
        var line = status?.Split('\n').FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
        try
        {
            return line is null ? null : CpuList.Parse(line["Cpus_allowed_list:".Length..].Trim());
        }
        catch (FormatException e)
        {
            throw new TopologyDetectionException($"{Under("proc/self/status")}: {e.Message}", e);
        }
    }

    /// <summary>The cpuset of this process's cgroup: v2 <c>cpuset.cpus.effective</c>, or v1 <c>cpuset.effective_cpus</c>/<c>cpuset.cpus</c>.</summary>
    private (string File, IReadOnlyList<int> Cpus)? ReadCpuset()
    {
        var cgroups = ReadText(Under("proc/self/cgroup"));
        if (cgroups is null)
        {
            return null;
        }

        foreach (var line in cgroups.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3)
            {
                continue;
            }

            var path = parts[2].TrimStart('/');
            string[] candidates = parts[1] switch
            {
                "" when parts[0] == "0" => [Path.Combine(Under("sys/fs/cgroup"), path, "cpuset.cpus.effective")],
                var controllers when controllers.Split(',').Contains("cpuset") =>
                    [Path.Combine(Under("sys/fs/cgroup/cpuset"), path, "cpuset.effective_cpus"), Path.Combine(Under("sys/fs/cgroup/cpuset"), path, "cpuset.cpus")],
                _ => [],
            };
            foreach (var file in candidates)
            {
                if (ReadCpuList(file) is { Count: > 0 } cpus)
                {
                    return (file, cpus);
                }
            }
        }

        return null;
    }

    private List<int> CpuDirectories() =>
        [.. Directory.EnumerateDirectories(CpuDir, "cpu*")
            .Select(d => CpuNumber().Match(Path.GetFileName(d)))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Order()];

    private string HostName()
    {
        var name = ReadText(Under("proc/sys/kernel/hostname")) ?? ReadText(Under("etc/hostname")) ?? "host";
        var safe = UnsafeNameCharacters().Replace(name, "-").Trim('-');
        return safe.Length > 0 ? safe : "host";
    }

    private string? CpuModel()
    {
        var cpuinfo = ReadText(Under("proc/cpuinfo"));
        var line = cpuinfo?.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() is { Length: > 0 } model ? model : null;
    }

    private string Under(string relative) => Path.Combine(Root, relative);

    private static string? ReadText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IReadOnlyList<int>? ReadCpuList(string path)
    {
        try
        {
            return ReadText(path) is { } text ? CpuList.Parse(text) : null;
        }
        catch (FormatException e)
        {
            throw new TopologyDetectionException($"{path}: {e.Message}", e);
        }
    }

    [GeneratedRegex(@"^node(\d+)$")]
    private static partial Regex NodeNumber();

    [GeneratedRegex(@"^cpu(\d+)$")]
    private static partial Regex CpuNumber();

    [GeneratedRegex(@"[^A-Za-z0-9_.-]+")]
    private static partial Regex UnsafeNameCharacters();

    private sealed record CpuInfo(int Cpu, int Package, IReadOnlyList<int> Siblings, IReadOnlyList<int>? Llc, int NumaNode);
}
