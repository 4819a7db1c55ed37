using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MountSim.Calibration.Harness;

/// <summary>
/// Runs the harness in a child process under <c>unshare -m --propagation private</c>, so that every
/// thread of it shares one private mount namespace and the host's mount table never changes: the
/// namespace and all its mounts die with the child, even on SIGKILL. The child learns the work
/// directory and the host's namespace from the environment, and checks that it is not in that namespace.
/// The parent forwards the child's output, SIGINT and SIGTERM, and its exit code; the child watches
/// its standard input and cleans up and stops when the parent goes away.
/// </summary>
public static class PrivateMountNamespace
{
    /// <summary>Set in the child: the work directory to mount a tmpfs on (or to use on --filesystem DIR).</summary>
    public const string WorkDirectoryVariable = "MOUNTSIM_HARNESS_WORKDIR";

    /// <summary>Set in the child: the parent's mount namespace (<c>mnt:[inode]</c>), which the child must not be in.</summary>
    public const string HostNamespaceVariable = "MOUNTSIM_HARNESS_HOST_MNTNS";

    /// <summary>
    /// Set to 0 in the child: no tiered compilation. Every method is compiled once, fully optimized, when
    /// first called (the untimed warm-up setup); with tiering the timed loop would be recompiled on the
    /// other CPU (tier 1, on-stack replacement) and patched in, with the runtime suspended, while timed.
    /// Precompiled framework code stays as it is: without tiering it is never replaced either.
    /// </summary>
    public const string TieredCompilationVariable = "DOTNET_TieredCompilation";

    private const int SigInt = 2;
    private const int SigTerm = 15;

    /// <summary>The work directory when this process is the harness child, else null.</summary>
    public static string? ChildWorkDirectory => Environment.GetEnvironmentVariable(WorkDirectoryVariable) is { Length: > 0 } dir ? dir : null;

    /// <summary>Why this child must not mount anything (it shares the host's mount namespace), or null when it is safe.</summary>
    public static string? ChildRefusal()
    {
        var host = Environment.GetEnvironmentVariable(HostNamespaceVariable);
        var ours = MountNamespace();
        return string.IsNullOrEmpty(host) || ours is null || ours == host
            ? $"{WorkDirectoryVariable} is set but this process is not in a private mount namespace (ours {ours ?? "unknown"}, host {host ?? "unset"}); refusing to mount."
            : null;
    }

    /// <summary>
    /// Runs <paramref name="command"/> in a private mount namespace with <paramref name="workDirectory"/>
    /// as its work directory; returns its exit code.
    /// </summary>
    /// <exception cref="HostUnsupportedException"><c>unshare</c> (util-linux) cannot be started here.</exception>
    public static int Run(IReadOnlyList<string> command, string workDirectory, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var start = new ProcessStartInfo("unshare", ["-m", "--propagation", "private", .. command])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[WorkDirectoryVariable] = workDirectory;
        start.Environment[HostNamespaceVariable] = MountNamespace();
        start.Environment[TieredCompilationVariable] = "0";
        Process child;
        try
        {
            child = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new HostUnsupportedException($"cannot start 'unshare' (util-linux): {e.Message}", e);
        }

        using (child)
        {
            child.OutputDataReceived += (_, line) => Forward(output, line.Data);
            child.ErrorDataReceived += (_, line) => Forward(error, line.Data);
            child.BeginOutputReadLine();
            child.BeginErrorReadLine();
            void Pass(PosixSignalContext context)
            {
                // The child cleans up and exits; this process waits for it.
                context.Cancel = true;
                LinuxMounts.Kill(child.Id, context.Signal == PosixSignal.SIGINT ? SigInt : SigTerm);
            }

            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Pass);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Pass);
            child.WaitForExit();
            return child.ExitCode;
        }
    }

    /// <summary>In the child: cancels <paramref name="cancellation"/> on SIGINT, SIGTERM or when the parent's end of standard input closes.</summary>
    public static IDisposable CancelOnSignalOrOrphaned(CancellationTokenSource cancellation)
    {
        ArgumentNullException.ThrowIfNull(cancellation);
        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            cancellation.Cancel();
        }

        var watchdog = new Thread(() =>
        {
            // The parent never writes: end of input means it is gone.
            using var input = Console.OpenStandardInput();
            var buffer = new byte[64];
            while (input.Read(buffer) > 0)
            {
                Array.Clear(buffer);
            }

            try
            {
                cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run is over already.
            }
        })
        { IsBackground = true, Name = "parent watchdog" };
        watchdog.Start();
        return new Registrations(PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel));
    }

    private static string? MountNamespace() => new FileInfo("/proc/thread-self/ns/mnt").LinkTarget;

    private static void Forward(TextWriter writer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (writer)
        {
            writer.WriteLine(line);
        }
    }

    private sealed class Registrations(params IDisposable[] registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }
        }
    }
}
