namespace MountSim.Hardware;

/// <summary>
/// A topology where every socket, LLC domain and core has the same shape (every shipped host):
/// four counts and a numbering rule generate the whole tree, so files stay short.
/// NUMA nodes split a socket's LLC domains evenly (sub-NUMA clustering, NPS2/NPS4).
/// </summary>
public sealed record RegularLayout(int Sockets, int NumaNodesPerSocket, int LlcDomainsPerSocket, int CoresPerLlcDomain, int ThreadsPerCore, CpuNumbering Numbering)
{
    public int Cores => Sockets * LlcDomainsPerSocket * CoresPerLlcDomain;

    public int Cpus => Cores * ThreadsPerCore;

    public IReadOnlyList<SocketLayout> ToSockets()
    {
        if (Sockets < 1 || NumaNodesPerSocket < 1 || LlcDomainsPerSocket < 1 || CoresPerLlcDomain < 1 || ThreadsPerCore < 1)
        {
            throw new ArgumentException($"Every count must be at least 1: {this}.");
        }

        if (LlcDomainsPerSocket % NumaNodesPerSocket != 0)
        {
            throw new ArgumentException($"{LlcDomainsPerSocket} LLC domains per socket do not split evenly into {NumaNodesPerSocket} NUMA nodes.");
        }

        var llcPerNode = LlcDomainsPerSocket / NumaNodesPerSocket;
        var sockets = new List<SocketLayout>(Sockets);
        var core = 0;
        for (var s = 0; s < Sockets; s++)
        {
            var llcs = new List<LlcDomainLayout>(LlcDomainsPerSocket);
            for (var l = 0; l < LlcDomainsPerSocket; l++)
            {
                var cores = new List<IReadOnlyList<int>>(CoresPerLlcDomain);
                for (var c = 0; c < CoresPerLlcDomain; c++, core++)
                {
                    cores.Add([.. Enumerable.Range(0, ThreadsPerCore).Select(t => CpuOf(core, t))]);
                }

                llcs.Add(new LlcDomainLayout((s * NumaNodesPerSocket) + (l / llcPerNode), cores));
            }

            sockets.Add(new SocketLayout(llcs));
        }

        return sockets;
    }

    private int CpuOf(int core, int thread) => Numbering == CpuNumbering.SmtLast
        ? (thread * Cores) + core
        : (core * ThreadsPerCore) + thread;
}
