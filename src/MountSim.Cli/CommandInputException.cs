namespace MountSim.Cli;

/// <summary>
/// What is wrong with a command line's input, found before any work: the error boundary prints each problem on
/// its own <c>mountsim: </c> line and exits 2.
/// </summary>
public sealed class CommandInputException : Exception
{
    public CommandInputException(string problem, Exception? inner = null)
        : base(problem, inner) => Problems = [problem];

    public CommandInputException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems)) => Problems = problems;

    public IReadOnlyList<string> Problems { get; }
}
