using System.Runtime;

namespace MountSim.Calibration.Harness;

/// <summary>
/// No garbage collection while setups are timed. A collection stops every managed thread, and a worker
/// stopped on its way back from a syscall would count the pause as that syscall's time, a tail the
/// kernel never had. Asks the runtime for the largest no-GC region it grants and counts the
/// collections that happen anyway (a long --duration run can outgrow the region); the files record them.
/// </summary>
internal sealed class NoCollections : IDisposable
{
    private static readonly long[] BudgetsMiB = [240, 128, 64, 16];
    private readonly int _before;

    public NoCollections()
    {
        foreach (var mib in BudgetsMiB)
        {
            try
            {
                if (GC.TryStartNoGCRegion(mib << 20))
                {
                    BudgetMiB = mib;
                    break;
                }
            }
            catch (ArgumentOutOfRangeException)
            {
                // More than this runtime's ephemeral space: ask for less.
            }
        }

        _before = GC.CollectionCount(0);
    }

    /// <summary>The allocation the region allows before a collection ends it; 0 when none was granted.</summary>
    public long BudgetMiB { get; }

    /// <summary>Collections since the region began: 0 when none disturbed the timing.</summary>
    public int Collections => GC.CollectionCount(0) - _before;

    public void Dispose()
    {
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            GC.EndNoGCRegion();
        }
    }
}
