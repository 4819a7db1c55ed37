namespace MountSim.Yaml;

/// <summary>Names one figure of a scenario: the part it belongs to and its key path there (<c>latency.same_llc</c>, <c>parameters.rwsem_wakeup</c>).</summary>
public readonly record struct FigureId(FigureHome Home, string Key)
{
    public override string ToString() => Home switch
    {
        FigureHome.Topology => "topology",
        FigureHome.KernelProfile => "kernel profile",
        FigureHome.RuntimeProfile => "runtime profile",
        _ => "scenario",
    } + ": " + Key;
}
