using System.CommandLine;
using System.Reflection;
using MountSim.Calibration.Harness;
using MountSim.Files;
using MountSim.Hardware;

namespace MountSim.Cli.Commands;

/// <summary>
/// <c>mountsim harness run</c>: what containerd does for an idmapped container root, done on the real
/// kernel and timed. The command checks its input and the host, then re-runs itself in a private
/// mount namespace (see <see cref="PrivateMountNamespace"/>); that child does the mounting.
/// </summary>
internal static class HarnessRunCommand
{
    public static Command Build()
    {
        var strategy = new Option<string[]>("--strategy")
        {
            Description = $"Mount strategies to run, repeated or comma-separated: {string.Join(", ", HarnessStrategyNames.All.Select(s => s.Name()))} (default all).",
        };
        var layers = CliOptions.PositiveInt("--layers", "Image layers per container.", 8);
        var threads = CliOptions.PositiveInt("--threads", "Worker threads setting up containers at once, each on its own targets.", 1);
        var placement = new Option<string?>("--placement") { Description = $"Where worker threads are pinned: {string.Join(", ", PlacementPolicy.Names)} (default spread)." };
        var cpus = new Option<string?>("--cpus") { Description = "Pin worker threads to these CPUs in this order, e.g. 0,2 (same as --placement cpus:0,2)." };
        var iterations = CliOptions.PositiveInt("--iterations", "Container setups per worker thread and strategy (or give --duration).", 50);
        var duration = new Option<string?>("--duration") { Description = "Instead of --iterations: each worker thread keeps setting up containers this long per strategy, e.g. 500ms, 5s, 2m (a setup in progress finishes)." };
        var filesystem = new Option<string>("--filesystem")
        {
            Description = "Where the layers live: tmpfs (mounted inside the private namespace) or a directory on the filesystem to test.",
            DefaultValueFactory = _ => HarnessOptions.Tmpfs,
        };
        var probes = new Option<int?>("--probes")
        {
            Description = "Threads timing stat() through a mountpoint (path-walk latency), idle and during the churn; default 1, or 0 with --runtime runc or --burst (a probe keeps a CPU busy, which a small host's container starts need).",
        };
        probes.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() < 0)
            {
                result.AddError("--probes expects 0 or more.");
            }
        });
        var mountinfoReader = new Option<bool>("--mountinfo-reader") { Description = "Also re-read /proc/thread-self/mountinfo during the churn, timing reads against line counts (slows mounts down)." };
        var runtime = new Option<string>("--runtime")
        {
            Description = $"What runs on each container root once mounted: none (the mounts alone) or runc (create, start, wait for and delete a real container on it, user namespace mapped as the idmap; {RuncHost.Install}).",
            DefaultValueFactory = _ => ContainerRuntime.None.Name(),
        };
        var burst = new Option<int?>("--burst") { Description = "N starts released at once, each on its own unpinned worker, as a node does when N pods land; each start is timed from the release. --iterations counts the bursts." };
        var tableMounts = new Option<int>("--table-mounts") { Description = $"Pad the private namespace's mount table with K extra mounts first (at most {HarnessOptions.MaxTableMounts}).", DefaultValueFactory = _ => 0 };
        var output = new OutputOptions("Write the measurements to this JSON file, and a tidy CSV beside it (same name, .csv).", "Overwrite --out and its CSV if they exist.");
        var command = new Command(
            "run",
            "As root on Linux 6.3+: in a private mount namespace, build image layers, make a user namespace (ids 0-65535 -> 100000-165535), " +
            "and per strategy set up and tear down idmapped overlay container roots as containerd does, timing every mount call, " +
            "each whole setup, setups/s and stat() path walks. Checks that every strategy shows the same merged tree with shifted " +
            "owners (exit 1 when not). The host's mount table is never changed.")
        {
            strategy, layers, threads, placement, cpus, iterations, duration, filesystem, probes, mountinfoReader, runtime, burst, tableMounts,
        };
        output.AddTo(command);
        command.SetAction(parse =>
        {
            var console = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var options = Options(parse, new(strategy, layers, threads, placement, cpus, iterations, duration, filesystem, probes, mountinfoReader, runtime, burst, tableMounts));
            var target = output.Target(parse);
            if (PrivateMountNamespace.ChildWorkDirectory is { } workDirectory)
            {
                return RunChild(options, workDirectory, target, console, error);
            }

            // Claimed here, in the host's namespace, for the whole run: the child only writes what the parent holds.
            using var claimed = output.Claim(parse, target is null ? [] : [CsvPath(target.FullName)]);
            if ((HostRequirements.Refusal(options.Filesystem) ?? (options.Runtime == ContainerRuntime.Runc ? RuncHost.Refusal() : null)) is { } refusal)
            {
                throw new HostUnsupportedException(refusal);
            }

            return RunIsolated(options, claimed?.Path, console, error);
        });
        return command;
    }

    /// <summary>The command's options, as one value for <see cref="Options"/>.</summary>
    private sealed record RunOptions(
        Option<string[]> Strategy,
        Option<int> Layers,
        Option<int> Threads,
        Option<string?> Placement,
        Option<string?> Cpus,
        Option<int> Iterations,
        Option<string?> Duration,
        Option<string> Filesystem,
        Option<int?> Probes,
        Option<bool> MountinfoReader,
        Option<string> Runtime,
        Option<int?> Burst,
        Option<int> TableMounts);

    private static HarnessOptions Options(ParseResult parse, RunOptions o) => CommandInput.Load(() =>
    {
        var names = (parse.GetValue(o.Strategy) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        List<HarnessStrategy> strategies = names.Count == 0 ? [.. HarnessStrategyNames.All] : [.. names.Select(HarnessStrategyNames.Parse).Distinct()];
        if (parse.GetValue(o.Placement) is not null && parse.GetValue(o.Cpus) is not null)
        {
            throw new FormatException("give --placement or --cpus, not both.");
        }

        var layerCount = parse.GetValue(o.Layers);
        if (layerCount > HarnessOptions.MaxLayers)
        {
            throw new FormatException($"--layers {layerCount}: an overlay takes at most {HarnessOptions.MaxLayers} lower layers (OVL_MAX_STACK).");
        }

        var padding = parse.GetValue(o.TableMounts);
        if (padding is < 0 or > HarnessOptions.MaxTableMounts)
        {
            throw new FormatException($"--table-mounts {padding}: expected 0 to {HarnessOptions.MaxTableMounts}.");
        }

        var runFor = parse.GetValue(o.Duration) is { } text ? HarnessCommand.Duration(text) : (TimeSpan?)null;
        if (runFor is not null && parse.GetResult(o.Iterations) is { Implicit: false })
        {
            throw new FormatException("give --iterations or --duration, not both.");
        }

        var burst = parse.GetValue(o.Burst);
        if (burst is { } n && (n < 1 || runFor is not null || parse.GetResult(o.Threads) is { Implicit: false } || parse.GetValue(o.Placement) is not null || parse.GetValue(o.Cpus) is not null))
        {
            throw new FormatException($"--burst {n}: expected a whole number of at least 1, and neither --duration, --threads, --placement nor --cpus (a burst's workers are unpinned, one per start).");
        }

        var policy = parse.GetValue(o.Cpus) is { } list ? "cpus:" + list : parse.GetValue(o.Placement) ?? "spread";
        var workers = burst ?? parse.GetValue(o.Threads);
        if (burst is null)
        {
            PlacementPolicy.Parse(policy).Place(HarnessCommand.HostTopology(), workers);
        }

        var fs = parse.GetValue(o.Filesystem)!;
        if (fs != HarnessOptions.Tmpfs)
        {
            fs = Path.GetFullPath(fs);
            if (!Directory.Exists(fs))
            {
                throw new FormatException($"--filesystem {fs} is neither tmpfs nor an existing directory.");
            }
        }

        var runtime = ContainerRuntimeNames.Parse(parse.GetValue(o.Runtime)!);
        var probeThreads = parse.GetValue(o.Probes) ?? HarnessOptions.DefaultProbes(runtime, burst is not null);
        return new HarnessOptions(
            strategies, layerCount, workers, policy, runFor is null ? parse.GetValue(o.Iterations) : null, runFor, fs, probeThreads, parse.GetValue(o.MountinfoReader),
            runtime, burst is not null, padding);
    });

    /// <summary>
    /// In the host namespace: make the work directory, run <paramref name="options"/> in a child of this program in a private
    /// mount namespace (writing <paramref name="target"/> when given), remove the (then empty) directory; the child's exit code.
    /// </summary>
    internal static int RunIsolated(HarnessOptions options, string? target, TextWriter output, TextWriter error)
    {
        var parent = options.Filesystem == HarnessOptions.Tmpfs ? Path.GetTempPath() : options.Filesystem;
        foreach (var kept in WorkDirectory.RemoveEmptyLeftovers(parent))
        {
            CliMessage.Write(error, $"{kept} from an earlier run is not empty; left for you to inspect.");
        }

        foreach (var problem in RuncCgroups.RemoveLeftovers())
        {
            CliMessage.Write(error, problem);
        }

        var workDirectory = WorkDirectory.CreateUnder(parent);
        string[] arguments = ["harness", "run", .. options.ToArguments(), .. target is null ? (string[])[] : ["--out", target, "--force"]];
        try
        {
            return PrivateMountNamespace.Run([.. ThisProgram(), .. arguments], workDirectory, output, error);
        }
        finally
        {
            // The child's containers die with it: a child that was killed leaves them to this process.
            foreach (var problem in RuncCgroups.RemoveLeftovers())
            {
                CliMessage.Write(error, problem);
            }

            try
            {
                Directory.Delete(workDirectory, recursive: false);
            }
            catch (IOException e)
            {
                // Kept going: the child's exit code is the run's result; a directory left behind is only worth a word.
                CliMessage.Write(error, $"could not remove {workDirectory}: {e.Message}");
            }
        }
    }

    /// <summary>In the private namespace: measure, write the files, print a summary.</summary>
    private static int RunChild(HarnessOptions options, string workDirectory, FileInfo? target, TextWriter output, TextWriter error)
    {
        if (PrivateMountNamespace.ChildRefusal() is { } refusal)
        {
            throw new CommandInputException(refusal);
        }

        var cancellation = new CancellationTokenSource();
        using var signals = PrivateMountNamespace.CancelOnSignalOrOrphaned(cancellation);
        HarnessMeasurements measurements;
        try
        {
            measurements = new HarnessRunner(options, workDirectory, output).Run(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            // An interruption is no failure of the harness: say what the cleanup did (exit 1).
            CliMessage.Write(error, "harness interrupted; every mount was detached and the work directory emptied.");
            return ExitCodes.RunFailed;
        }
        catch (Exception e) when (e is not HarnessException)
        {
            // Whatever stops the runner fails the harness (exit 1, "harness failed"), not the user's input, even
            // an I/O or permission error; the boundary says HarnessException's (and HostUnsupportedException's) words.
            throw new HarnessException(e.Message, e);
        }

        if (target is not null)
        {
            HarnessMeasurementsJson.Write(measurements, target.FullName);
            AtomicFile.Write(CsvPath(target.FullName), HarnessCsvWriter.ToCsv(measurements));
            output.WriteLine($"Wrote {target.FullName} and {CsvPath(target.FullName)}.");
        }

        output.Write(HarnessTextWriter.ToText(measurements));
        foreach (var failure in measurements.CheckFailures)
        {
            CliMessage.Write(error, $"check failed: {failure}");
        }

        return measurements.MergedTreesIdentical && measurements.OwnershipShifted ? ExitCodes.Success : ExitCodes.RunFailed;
    }

    private static string CsvPath(string json) => Path.ChangeExtension(json, ".csv");

    /// <summary>
    /// The command line that starts this program again: the apphost when it is running, else the dotnet
    /// host with this assembly (as under <c>dotnet mountsim.dll</c> or inside a test host).
    /// </summary>
    private static string[] ThisProgram()
    {
        var cli = typeof(HarnessCommand).Assembly;
        var process = Environment.ProcessPath ?? "dotnet";
        if (Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            return [process, cli.Location];
        }

        return Assembly.GetEntryAssembly() == cli
            ? [process]
            : [Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet", cli.Location];
    }
}
