using System.CommandLine;
using System.Globalization;

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

    /// <summary>
    /// Whether <paramref name="target"/> may be written: a file that exists only with <paramref name="force"/>,
    /// and only into a folder that exists. Says why not on <paramref name="error"/>.
    /// </summary>
    public static bool MayWrite(FileInfo? target, bool force, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (target is { Exists: true } && !force)
        {
            error.WriteLine($"mountsim: {target.FullName} exists; not overwriting it without --force.");
            return false;
        }

        if (target?.Directory is { Exists: false } missing)
        {
            error.WriteLine($"mountsim: --out directory {missing.FullName} does not exist.");
            return false;
        }

        return true;
    }

    /// <summary>Runs <paramref name="write"/> on <paramref name="target"/>'s path, or says on <paramref name="error"/> why the file could not be written.</summary>
    public static bool Write(FileInfo target, Action<string> write, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            write(target.FullName);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"mountsim: cannot write {target.FullName}: {e.Message}");
            return false;
        }
    }
}
