using System.Globalization;

namespace MountSim.Kernel.Profiles;

/// <summary>A repeat count: a fixed number or a variable bound when the syscall runs.</summary>
public readonly record struct RepeatCount(RepeatVariable Variable, int Fixed)
{
    public static readonly IReadOnlyList<string> VariableNames = ["layers", "table_reads", "peers", "mounts", "threads"];

    public static RepeatCount Layers => new(RepeatVariable.Layers, 0);

    public static RepeatCount TableReads => new(RepeatVariable.TableReads, 0);

    public static RepeatCount Peers => new(RepeatVariable.Peers, 0);

    public static RepeatCount Mounts => new(RepeatVariable.Mounts, 0);

    public static RepeatCount Threads => new(RepeatVariable.Threads, 0);

    /// <summary>Whether the count is read when the step runs (the table, the peers, the host's threads now), not known when a program is built.</summary>
    public bool ReadAtRunTime => Variable is not (RepeatVariable.Fixed or RepeatVariable.Layers);

    public static RepeatCount Of(int times) =>
        times >= 0 ? new(RepeatVariable.Fixed, times) : throw new ArgumentOutOfRangeException(nameof(times), times, "A repeat count cannot be negative.");

    public int Resolve(RepeatBindings bindings) => Variable switch
    {
        RepeatVariable.Layers => bindings.Layers,
        RepeatVariable.TableReads => bindings.TableReads,
        RepeatVariable.Peers => bindings.Peers,
        RepeatVariable.Mounts => bindings.Mounts,
        RepeatVariable.Threads => bindings.Threads,
        _ => Fixed,
    };

    public override string ToString() => Variable switch
    {
        RepeatVariable.Layers => "layers",
        RepeatVariable.TableReads => "table_reads",
        RepeatVariable.Peers => "peers",
        RepeatVariable.Mounts => "mounts",
        RepeatVariable.Threads => "threads",
        _ => Fixed.ToString(CultureInfo.InvariantCulture),
    };
}
