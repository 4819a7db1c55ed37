using System.Runtime.InteropServices;

namespace MountSim.Cli;

/// <summary>
/// Ctrl-C and SIGTERM (a scheduler's or a container's stop) while a command runs, as a cancellation: the command
/// stops starting work, keeps what finished, and says how to resume, instead of dying mid-write.
/// </summary>
internal sealed class ConsoleInterrupt : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration? _sigterm;

    public ConsoleInterrupt()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        _sigterm = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            _source.Cancel();
        });
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _sigterm?.Dispose();
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _source.Cancel();
    }
}
