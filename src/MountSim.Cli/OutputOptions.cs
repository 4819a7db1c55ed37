using System.CommandLine;
using MountSim.Files;

namespace MountSim.Cli;

/// <summary>
/// <c>--out FILE</c> and <c>--force</c> of a command that writes one file (and maybe companions beside it):
/// the target is claimed before any work starts (see <see cref="CliOptions.Claim"/>).
/// </summary>
internal sealed class OutputOptions
{
    public OutputOptions(string outDescription, string forceDescription = "Overwrite --out if it exists.")
    {
        Out = new Option<FileInfo?>("--out") { Description = outDescription };
        Force = new Option<bool>("--force") { Description = forceDescription };
    }

    public Option<FileInfo?> Out { get; }

    public Option<bool> Force { get; }

    /// <summary>Adds <c>--out</c> and <c>--force</c> to <paramref name="command"/>, after its other options.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Out);
        command.Options.Add(Force);
    }

    /// <summary>The file <c>--out</c> names, or null.</summary>
    public FileInfo? Target(ParseResult parse) => parse.GetValue(Out);

    /// <summary>Claims <c>--out</c> and <paramref name="companions"/>; null when no <c>--out</c> was given.</summary>
    public OutputFile? Claim(ParseResult parse, params string[] companions) =>
        CliOptions.Claim(parse.GetValue(Out), parse.GetValue(Force), companions);
}
