using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MountSim.Benchmarking;
using MountSim.Hardware;
using MountSim.Text;

namespace MountSim.Cli.Commands;

/// <summary><c>mountsim simulate lockbench</c>: the global-lock microbenchmark on a modelled host, per thread count.</summary>
public static class LockBenchCommand
{
    public static Command Build()
    {
        var topology = new Option<string>("--topology") { Description = "A shipped topology's name or a YAML file.", Required = true };
        var smt = new Option<string?>("--smt") { Description = "Variant: 'off' keeps one thread per core." };
        smt.AcceptOnlyFromAmong("on", "off");
        var sockets = new Option<int?>("--sockets") { Description = "Variant: keep only the first N sockets." };
        var threads = new Option<string?>("--threads") { Description = "Thread counts, comma-separated (default: 1, 2, 4, ... up to the hardware threads)." };
        var lockKind = new Option<string>("--lock") { Description = "The lock: qspinlock (the kernel's MCS queue) or ticket (all waiters spin on one line).", DefaultValueFactory = _ => "qspinlock" };
        lockKind.AcceptOnlyFromAmong("qspinlock", "ticket");
        var criticalSection = new Option<string>("--critical-section") { Description = "The increment's own work besides fetching the counter's line.", DefaultValueFactory = _ => "2ns" };
        var acquisitions = CliOptions.PositiveInt("--acquisitions", "Critical sections per thread count.", 20_000);
        var placement = new Option<string>("--placement") { Description = "Threads onto hardware threads: spread, pack, one-socket, no-smt or cpus:LIST.", DefaultValueFactory = _ => "spread" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the run.", DefaultValueFactory = _ => 42 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var command = new Command(
            "lockbench",
            "The global-lock microbenchmark (T threads looping lock, one increment, unlock) on a modelled host: " +
            "mean time per critical section and acquisitions per second at each thread count.")
        {
            topology, smt, sockets, threads, lockKind, criticalSection, acquisitions, placement, seed, json,
        };
        command.SetAction(parse =>
        {
            var (options, counts) = CommandInput.Load(() =>
            {
                var host = TopologyLibrary.Resolve(parse.GetValue(topology)!, TopologyLibrary.Find())
                    .With(new TopologyOverrides(parse.GetValue(smt) == "off", parse.GetValue(sockets)));
                var options = new LockBenchOptions
                {
                    Topology = host,
                    Lock = parse.GetValue(lockKind) == "ticket" ? LockBenchLockKind.Ticket : LockBenchLockKind.Qspinlock,
                    CriticalSectionNs = CriticalSection(parse.GetValue(criticalSection)!),
                    Acquisitions = parse.GetValue(acquisitions),
                    Placement = PlacementPolicy.Parse(parse.GetValue(placement)!),
                    Seed = parse.GetValue(seed),
                };
                return (options, ThreadCounts(parse.GetValue(threads), options.Placement.Order(host).Count));
            });
            IReadOnlyList<LockBenchPoint> points = [.. counts.Select(t => LockBench.Run(options, t))];

            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(parse.GetValue(json)
                ? ToJson(options, points).ToJsonString(new JsonSerializerOptions { WriteIndented = true })
                : Table(options, points));
            return ExitCodes.Success;
        });
        return command;
    }

    public static JsonObject ToJson(LockBenchOptions options, IReadOnlyList<LockBenchPoint> points)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(points);
        return new JsonObject
        {
            ["topology"] = options.Topology.Name,
            ["lock"] = LockName(options.Lock),
            ["placement"] = options.Placement.Name,
            ["critical_section_ns"] = options.CriticalSectionNs,
            ["acquisitions"] = options.Acquisitions,
            ["seed"] = options.Seed,
            ["points"] = new JsonArray([.. points.Select(p => (JsonNode)new JsonObject
            {
                ["threads"] = p.Threads,
                ["ns_per_critical_section"] = p.NsPerCriticalSection,
                ["acquisitions_per_second"] = p.AcquisitionsPerSecond,
            })]),
        };
    }

    private static string Table(LockBenchOptions options, IReadOnlyList<LockBenchPoint> points)
    {
        var c = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            $"lockbench: {LockName(options.Lock)} on {options.Topology.Name} ({options.Topology.Threads.Count} hardware threads), " +
            $"{options.Placement.Name} placement, {options.Acquisitions} acquisitions per row",
            $"{"threads",8} {"ns/critical section",20} {"acquisitions/s",16}",
        };
        lines.AddRange(points.Select(p => string.Create(c, $"{p.Threads,8} {p.NsPerCriticalSection,20:F1} {p.AcquisitionsPerSecond,16:E3}")));
        return string.Join(Environment.NewLine, lines);
    }

    private static string LockName(LockBenchLockKind kind) => kind == LockBenchLockKind.Ticket ? "ticket" : "qspinlock";

    private static double CriticalSection(string text) =>
        Durations.TryParseNanoseconds(text, out var ns) && ns >= 0
            ? ns
            : throw new FormatException($"--critical-section expects a duration such as 2ns, got '{text}'.");

    /// <summary>The listed counts, or powers of two up to <paramref name="available"/>.</summary>
    private static List<int> ThreadCounts(string? text, int available)
    {
        if (text is null)
        {
            return [.. Enumerable.Range(0, 31).Select(i => 1 << i).TakeWhile(t => t <= available)];
        }

        return [.. text.Split(',').Select(part =>
            !int.TryParse(part.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var t) || t < 1
                ? throw new FormatException($"--threads expects whole numbers from 1, comma-separated, got '{text}'.")
                : t <= available
                    ? t
                    : throw new FormatException($"--threads {t}: the placement offers {available} hardware threads on this host."))];
    }
}
