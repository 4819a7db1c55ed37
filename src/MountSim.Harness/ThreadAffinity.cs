using System.Runtime.InteropServices;

namespace MountSim.Calibration.Harness;

/// <summary>Pins the calling thread to one CPU (sched_setaffinity on its own tid).</summary>
internal static class ThreadAffinity
{
    private const int MaskWords = 16;

    public static void PinCurrentThread(int cpu)
    {
        if (cpu is < 0 or >= MaskWords * 64)
        {
            throw new HarnessException($"CPU {cpu} is beyond the {MaskWords * 64} CPUs an affinity mask here can name.");
        }

        var mask = new ulong[MaskWords];
        mask[cpu / 64] = 1UL << (cpu % 64);
        if (LinuxMounts.SchedSetAffinity(0, MaskWords * sizeof(ulong), mask) != 0)
        {
            throw new HarnessException($"sched_setaffinity to CPU {cpu}: {LinuxMounts.Describe(Marshal.GetLastPInvokeError())}");
        }
    }
}
