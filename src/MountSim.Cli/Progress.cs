using System.Diagnostics;
using MountSim.Text;
using Spectre.Console;

namespace MountSim.Cli;

/// <summary>
/// How a long command shows it is getting on: a live bar with an ETA on a terminal, one plain line
/// per finished run when output goes to a file or pipe, nothing when asked to be quiet.
/// </summary>
internal abstract class Progress
{
    public static Progress For(TextWriter console, int total, int done, bool quiet) =>
        quiet ? new Silent()
        : ReferenceEquals(console, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive ? new Bar(total, done)
        : new Lines(console, total, done);

    /// <summary>Runs <paramref name="work"/>, which calls the action it is given once per finished step, with its description.</summary>
    public abstract void Run(Action<Action<string>> work);

    private sealed class Silent : Progress
    {
        public override void Run(Action<Action<string>> work) => work(_ => { });
    }

    private sealed class Lines(TextWriter console, int total, int done) : Progress
    {
        private readonly Lock _lock = new();

        public override void Run(Action<Action<string>> work)
        {
            var clock = Stopwatch.StartNew();
            var start = done;
            work(description =>
            {
                lock (_lock)
                {
                    done++;
                    var left = clock.Elapsed.TotalSeconds / (done - start) * (total - done);
                    console.WriteLine(done == total
                        ? $"[{done}/{total}] {description}; done"
                        : $"[{done}/{total}] {description}; {(left < 1 ? "less than a second" : $"about {Durations.Format(Math.Round(left) * 1e9)}")} left");
                }
            });
        }
    }

    private sealed class Bar(int total, int done) : Progress
    {
        public override void Run(Action<Action<string>> work) =>
            AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("runs", maxValue: total);
                    task.Increment(done);
                    work(description =>
                    {
                        task.Description = Markup.Escape(description);
                        task.Increment(1);
                    });
                    task.Description = "runs";
                });
    }
}
