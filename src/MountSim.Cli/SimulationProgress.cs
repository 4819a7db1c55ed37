using System.Globalization;
using MountSim.Engine;
using MountSim.Experiments;

namespace MountSim.Cli;

/// <summary>
/// What a long <c>simulate</c> says while it runs, on the error stream so that standard output keeps only
/// the result (the summary or the JSON): a line after the first seconds and then every few seconds of wall
/// time. Ctrl-C and SIGTERM ask the run to stop at its next report; the command then says how far it got.
/// </summary>
internal sealed class SimulationProgress : IDisposable
{
    /// <summary>Runs shorter than this say nothing.</summary>
    private const double FirstReportSeconds = 2;

    private const double ReportEverySeconds = 5;

    private readonly TextWriter _error;
    private readonly ConsoleInterrupt _interrupt = new();
    private double _nextReport = FirstReportSeconds;

    public SimulationProgress(TextWriter error)
    {
        _error = error;
    }

    /// <summary>The callback for <see cref="ScenarioRunner.Run"/>: false once a stop was asked.</summary>
    public bool Report(ScenarioProgress progress)
    {
        if (progress.WallSeconds >= _nextReport)
        {
            _error.WriteLine(Describe(progress));
            _nextReport = progress.WallSeconds + ReportEverySeconds;
        }

        return !_interrupt.Token.IsCancellationRequested;
    }

    /// <summary>One line: the simulated clock, the starts done, the pace.</summary>
    public static string Describe(ScenarioProgress progress) => string.Create(
        CultureInfo.InvariantCulture,
        $"simulated {SimTime.ToSeconds(progress.SimulatedNs):F2} s: {progress.StartsFinished:N0} of {progress.Starts:N0} starts done, {progress.EventsPerSecond / 1e6:F1} M events/s, {progress.WallSeconds:F0} s so far");

    public void Dispose() => _interrupt.Dispose();
}
