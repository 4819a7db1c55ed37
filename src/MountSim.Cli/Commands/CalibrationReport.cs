using System.Globalization;
using System.Text;
using MountSim.Calibration.Harness;
using MountSim.Files;
using MountSim.Hardware;

namespace MountSim.Cli.Commands;

/// <summary>
/// <c>calibrate-host</c>'s report folder as its steps fill it: each step's files, and in <c>report.md</c> what it
/// printed under the command that redoes it (with the folder written as DIR).
/// </summary>
internal sealed class CalibrationReport(OwnedFolder folder, TextWriter console, TextWriter error)
{
    /// <summary>How long each CPU spins in a noise probe: long enough for tens of timer ticks.</summary>
    private static readonly TimeSpan NoiseDuration = TimeSpan.FromSeconds(2);

    /// <summary>A clock gap longer than this is a detour: <c>harness noise</c>'s default.</summary>
    private const double NoiseThresholdNs = 1000;

    private readonly StringBuilder _markdown = new("# Calibration of this host\n\n");

    public string Markdown => _markdown.ToString();

    public string Directory => folder.Directory;

    public string PathOf(string file) => folder.PathOf(file);

    public void Write(string file, string text) => folder.Write(file, text);

    /// <summary>One harness run, in a child process in a private mount namespace, writing <paramref name="file"/>; its exit code.</summary>
    public int Harness(string title, HarnessOptions options, string file)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var code = HarnessRunCommand.RunIsolated(options, PathOf(file), text, text);
        Section(title, $"mountsim harness run {string.Join(' ', options.ToArguments())} --out DIR/{file}", text.ToString());
        console.WriteLine($"{title}: exit {code}");
        if (code != ExitCodes.Success)
        {
            CliMessage.Write(error, $"the harness run {Path.GetFileNameWithoutExtension(file)} failed (exit {code}); see {PathOf("report.md")}");
        }

        return code;
    }

    /// <summary>The host's noise on every CPU (<c>harness noise</c>), written to <c>{name}.json</c>.</summary>
    public NoiseMeasurement Noise(Topology host, string name)
    {
        var cpus = host.Threads.Select(t => t.OsCpu).Order().ToList();
        var measurement = HarnessCommand.Measure("noise", () => SelfishDetour.Measure(host, cpus, NoiseDuration, NoiseThresholdNs));
        NoiseMeasurementJson.Write(measurement, PathOf(name + ".json"));
        var title = $"Noise: 2 s of selfish-detour loops on every CPU ({name})";
        Section(title, $"mountsim harness noise --duration 2s --out DIR/{name}.json", string.Join('\n', NoiseTextWriter.Lines(measurement, "2s", NoiseThresholdNs)));
        console.WriteLine($"{title}: done");
        return measurement;
    }

    /// <summary>A step's section: its title, the command that redoes it, what it printed.</summary>
    public void Section(string title, string command, string text) =>
        _markdown.Append(CultureInfo.InvariantCulture, $"## {title}\n\n`{command}`\n\n```\n{text.TrimEnd()}\n```\n\n");

    public void Paragraph(string text) => _markdown.Append(text).Append("\n\n");

    public void Image(string description, string file) => _markdown.Append(CultureInfo.InvariantCulture, $"![{description}]({file})\n\n");
}
