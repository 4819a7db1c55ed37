using MountSim.Hardware;

namespace MountSim.Calibration;

/// <summary>The measurements of one or more harness files and the topology to simulate their host on.</summary>
public sealed record MeasuredHostSet(Measurements Measurements, Topology Topology)
{
    /// <summary>
    /// Reads the files, all of one host, and resolves its topology: <paramref name="topologyOverride"/> when
    /// given, else the files' <c>host.topology</c> (a path in it is relative to its file).
    /// </summary>
    /// <exception cref="ArgumentException">No topology is named, the files disagree on it, or two share a configuration id.</exception>
    public static MeasuredHostSet Load(IReadOnlyList<string> files, string? topologyOverride, TopologyLibrary? library)
    {
        var loaded = Read(files);
        var host = Merged(loaded);
        string Named(string file, string topology) =>
            File.Exists(Path.Combine(Path.GetDirectoryName(file) ?? ".", topology)) ? Path.Combine(Path.GetDirectoryName(file) ?? ".", topology) : topology;
        var named = loaded.Where(l => l.Measurements.Host.Topology is not null).Select(l => Named(l.File, l.Measurements.Host.Topology!)).Distinct(StringComparer.Ordinal).ToList();
        if (topologyOverride is null && named.Count == 0)
        {
            return new MeasuredHostSet(host, ThisMachine(host.Host));
        }

        var topology = topologyOverride
            ?? (named.Count == 1
                ? named[0]
                : throw new ArgumentException($"host.topology: the files name different hosts ({string.Join(", ", named)}); choose one with --topology.", nameof(files)));
        return new MeasuredHostSet(host, TopologyLibrary.Resolve(topology, library));
    }

    /// <summary>Reads the files, all of one host, to simulate on <paramref name="topology"/>.</summary>
    /// <exception cref="ArgumentException">Two files share a configuration id.</exception>
    public static MeasuredHostSet Load(IReadOnlyList<string> files, Topology topology) => new(Merged(Read(files)), topology);

    /// <summary>One host's configurations from all its files, under the first file's host description.</summary>
    private static Measurements Merged(List<(string File, Measurements Measurements)> loaded) =>
        new(loaded[0].Measurements.Host, [.. loaded.SelectMany(l => l.Measurements.Configurations)]);

    private static List<(string File, Measurements Measurements)> Read(IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            throw new ArgumentException("No measurement file given.", nameof(files));
        }

        var loaded = files.Select(f => (File: f, Measurements: MeasurementsJson.Load(f))).ToList();
        foreach (var duplicate in loaded.SelectMany(l => l.Measurements.Configurations).GroupBy(c => c.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw new ArgumentException($"Configuration id '{duplicate.Key}' is in more than one measurement file; ids must be unique.", nameof(files));
        }

        return loaded;
    }

    /// <summary>
    /// Files that name no topology were measured here (the harness writes none): detect this machine's,
    /// and make sure it has as many hardware threads as the measured host did.
    /// </summary>
    private static Topology ThisMachine(MeasuredHost host)
    {
        var topology = new Hardware.Sysfs.SysfsTopologyDetector().Detect().Topology;
        return topology.Threads.Count == host.Cpus
            ? topology
            : throw new ArgumentException($"host.topology: missing, and this machine ({topology.Threads.Count} hardware threads) is not the measured host ({host.Cpus}); name the host with --topology NAME|FILE.");
    }
}
