namespace MountSim.Kernel.PathWalks;

/// <summary>
/// The share of each hardware thread's time the host's background lookups took lately: walking at
/// their steady rate, plus the spinning recorded per CPU, as an exponentially decaying average over
/// the scheduler's fairness horizon (one time slice). Capped at one half, the fair share of two
/// runnable tasks: the rest goes to the simulated thread pinned there.
/// </summary>
public sealed class BackgroundCpuShare
{
    private readonly double[] _busyNs;
    private readonly long[] _busyAt;
    private readonly double _horizonNs;
    private readonly double _walkingShare;

    public BackgroundCpuShare(int cpus, PathWalkParameters parameters, double horizonNs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(horizonNs);
        _busyNs = new double[cpus];
        _busyAt = new long[cpus];
        _horizonNs = horizonNs;
        _walkingShare = parameters.PerCpuPerNs * parameters.WalkNs;
    }

    /// <summary>Background lookups on <paramref name="cpu"/> spun <paramref name="ns"/> up to <paramref name="at"/>.</summary>
    public void AddSpin(int cpu, double ns, long at)
    {
        _busyNs[cpu] = Decayed(cpu, at) + ns;
        _busyAt[cpu] = at;
    }

    public double Of(int cpu, long now) => Math.Min(0.5, _walkingShare + (Decayed(cpu, now) / _horizonNs));

    private double Decayed(int cpu, long now) => _busyNs[cpu] * Math.Exp(-(now - _busyAt[cpu]) / _horizonNs);
}
