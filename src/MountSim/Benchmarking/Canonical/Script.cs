namespace MountSim.Benchmarking.Canonical;

/// <summary>An immutable program of steps, shared by every actor that runs it.</summary>
public sealed class Script
{
    internal Script(string name, Step[] steps)
    {
        Name = name;
        Steps = steps;
    }

    public string Name { get; }

    internal Step[] Steps { get; }

    public int Length => Steps.Length;

    public Step this[int index] => Steps[index];

    public override string ToString() => $"{Name}: {string.Join("; ", Steps)}";
}
