using System.CommandLine;
using System.Globalization;
using MountSim.Hardware;
using MountSim.Hardware.Export;
using MountSim.Hardware.Yaml;

namespace MountSim.Cli.Commands;

/// <summary><c>mountsim topology list|show|detect</c>: the shipped hosts, one host in detail, this host.</summary>
public static class TopologyCommand
{
    public static Command Build()
    {
        var topology = new Command("topology", "Host CPU topologies: sockets, LLC domains, cores, SMT, cache-line transfer latencies.");
        topology.Subcommands.Add(BuildList());
        topology.Subcommands.Add(BuildShow());
        topology.Subcommands.Add(DetectCommand.Build());
        return topology;
    }

    private static Command BuildList()
    {
        var command = new Command("list", "List the shipped topologies: name, CPU, sockets x cores x threads, LLC layout, on-demand price.");
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var library = TopologyLibrary.Find()
                ?? throw new CommandInputException($"no '{TopologyLibrary.FolderName}' folder found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}.");

            var exitCode = ExitCodes.Success;
            var rows = new List<string[]>();
            foreach (var name in library.Names)
            {
                try
                {
                    var t = library.Load(name);
                    rows.Add([
                        t.Name,
                        t.Cpu ?? "-",
                        TopologySummary.Shape(t),
                        string.Create(CultureInfo.InvariantCulture, $"{t.Threads.Count}"),
                        "LLC " + TopologySummary.LlcLayout(t),
                        t.PricePerHour is { } price ? string.Create(CultureInfo.InvariantCulture, $"${price}/h") : "-",
                    ]);
                }
                catch (TopologyFileException e)
                {
                    // One broken file does not hide the others: it is said, the rest listed, and the exit code tells.
                    CliMessage.Write(error, e.Message);
                    exitCode = ExitCodes.BadInput;
                }
            }

            var widths = Enumerable.Range(0, 6).Select(i => rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max()).ToList();
            foreach (var row in rows)
            {
                output.WriteLine($"{row[0].PadRight(widths[0])}  {row[1].PadRight(widths[1])}  {row[2].PadRight(widths[2])}  {row[3].PadLeft(widths[3])} threads  {row[4].PadRight(widths[4])}  {row[5].PadLeft(widths[5])}");
            }

            return exitCode;
        });
        return command;
    }

    private static Command BuildShow()
    {
        var topologyArgument = new Argument<string>("topology") { Description = "A shipped topology's name (see 'topology list') or a YAML file." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the tree." };
        var smt = new Option<string?>("--smt") { Description = "Variant: 'off' keeps one thread per core." };
        smt.AcceptOnlyFromAmong("on", "off");
        var sockets = new Option<int?>("--sockets") { Description = "Variant: keep only the first N sockets." };
        var command = new Command("show", "Show a topology: the tree (sockets > LLC domains > cores > threads), the latency table, the sources.")
        {
            topologyArgument, json, smt, sockets,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var topology = CommandInput.Load(() => TopologyLibrary.Resolve(parse.GetValue(topologyArgument)!, TopologyLibrary.Find())
                .With(new TopologyOverrides(parse.GetValue(smt) == "off", parse.GetValue(sockets))));
            if (parse.GetValue(json))
            {
                TopologyJsonWriter.Write(topology, output);
            }
            else
            {
                TopologyTextWriter.Write(topology, output);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
