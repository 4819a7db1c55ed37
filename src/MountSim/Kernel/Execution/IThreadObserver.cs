namespace MountSim.Kernel.Execution;

/// <summary>Told when a kernel thread has run its whole program.</summary>
public interface IThreadObserver
{
    void OnFinished(KernelThread thread);
}
