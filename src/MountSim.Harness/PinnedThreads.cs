namespace MountSim.Calibration.Harness;

/// <summary>
/// One thread pinned to each of some CPUs, released together: each pins itself and prepares (allocating
/// and touching its memory, so no page fault of its own lands in what it times), then all spin until the
/// caller lets them go at once, run, and are joined. A CPU that cannot be pinned fails the whole run.
/// </summary>
internal static class PinnedThreads
{
    /// <param name="prepare">Called on thread i, pinned, before the release; returns what it runs after it.</param>
    /// <param name="whileRunning">What the calling thread does between the release and the join (e.g. sleep, then say stop).</param>
    /// <exception cref="HarnessException">A thread could not be pinned to its CPU.</exception>
    public static void Run(IReadOnlyList<int> cpus, string name, Func<int, Action> prepare, Action whileRunning)
    {
        using var ready = new CountdownEvent(cpus.Count);
        var go = false;
        HarnessException? failure = null;
        var workers = cpus.Select((cpu, i) => new Thread(() =>
        {
            Action body;
            try
            {
                ThreadAffinity.PinCurrentThread(cpu);
                body = prepare(i);
            }
            catch (HarnessException e)
            {
                failure = e;
                ready.Signal();
                return;
            }

            ready.Signal();
            while (!Volatile.Read(ref go))
            {
                Thread.SpinWait(1);
            }

            body();
        })
        { IsBackground = true, Name = $"{name} cpu {cpu}" }).ToList();

        workers.ForEach(w => w.Start());
        ready.Wait();
        Volatile.Write(ref go, true);
        whileRunning();
        workers.ForEach(w => w.Join());
        if (failure is not null)
        {
            throw failure;
        }
    }
}
