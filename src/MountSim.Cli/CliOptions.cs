using System.CommandLine;
using System.Globalization;
using MountSim.Files;

namespace MountSim.Cli;

/// <summary>Options several commands share.</summary>
public static class CliOptions
{
    /// <summary>A whole number of at least 1; anything else is a parse error (exit 2) that quotes what was given.</summary>
    public static Option<int> PositiveInt(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var token = string.Join(' ', result.Tokens.Select(t => t.Value));
            if (!int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                result.AddError($"{name} expects a whole number from 1 to {int.MaxValue}, got '{token}'.");
            }

            return value;
        },
    };

    /// <summary>Claims <c>--out FILE</c> before any work starts (see <see cref="OutputFile"/>); null when none was given.</summary>
    public static OutputFile? Claim(FileInfo? target, bool force, params string[] companions) =>
        target is null ? null : OutputFile.Claim(target.FullName, "--out", force, companions);
}
