
namespace MountSim.Cli;

/// <summary>Input a command builds from its options before it runs: a value the library refuses is the user's to mend (exit 2).</summary>
public static class CommandInput
{
    /// <summary>What <paramref name="load"/> returns; an argument or format the library refuses becomes a <see cref="CommandInputException"/>.</summary>
    public static T Load<T>(Func<T> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        try
        {
            return load();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new CommandInputException(e.Message, e);
        }
    }
}
