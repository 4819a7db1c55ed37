using System.CommandLine;
using System.Globalization;
using MountSim.Benchmarking;
using MountSim.Benchmarking.Export;
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
            var summary = LockBenchSummary.Sweep(options, counts);
            parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(json) ? LockBenchJson.Write(summary) : LockBenchText.Write(summary));
            return ExitCodes.Success;
        });
        return command;
    }

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
