using System.Diagnostics;
using System.Reflection;
using MountSim.Experiments;

namespace MountSim.Reporting;

/// <summary>Which MountSim ran, from which checkout: what an experiment's and a plan's <c>metadata.json</c> record.</summary>
internal static class Provenance
{
    public static string Version =>
        typeof(Scenario).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The commit of the checkout <paramref name="file"/> is in, when git is there to say.</summary>
    public static string? GitCommit(string file)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse HEAD")
            {
                WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(file))!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (git is null)
            {
                return null;
            }

            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && commit.Length > 0 ? commit : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
