using MountSim.Engine;
namespace MountSim.Benchmarking.Canonical;

/// <summary>
/// Many readers or one writer, with one FIFO line for both. When a writer leaves, the readers at
/// the head of the line enter together. With <see cref="WriterPreference"/> (the default, as in
/// Linux's rw_semaphore, where queued waiters force readers into the slow path) a new reader
/// queues behind any waiter; without it, a new reader joins readers already inside even when
/// writers wait, and writers can starve.
/// </summary>
public sealed class FifoReaderWriterLock : Resource
{
    public FifoReaderWriterLock(Simulation simulation, string name, bool writerPreference = true)
        : base(simulation, name, sharedAccess: true)
    {
        WriterPreference = writerPreference;
    }

    public bool WriterPreference { get; }

    public int Readers { get; private set; }

    public bool WriterInside { get; private set; }

    protected override double BusyFraction => Readers > 0 || WriterInside ? 1 : 0;

    protected override bool CanAdmit(AccessMode mode) =>
        mode == AccessMode.Shared ? !WriterInside : !WriterInside && Readers == 0;

    protected override bool MayOvertakeWaiters(AccessMode mode) => mode == AccessMode.Shared && !WriterPreference && Readers > 0;

    protected override void OnGranted(AccessMode mode)
    {
        if (mode == AccessMode.Shared)
        {
            Readers++;
        }
        else
        {
            WriterInside = true;
        }
    }

    protected override void OnReleased(AccessMode mode)
    {
        if (mode == AccessMode.Shared)
        {
            Readers--;
        }
        else
        {
            WriterInside = false;
        }
    }
}
