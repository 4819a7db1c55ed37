namespace MountSim.Experiments;

/// <summary>
/// What every file that asks for simulations says about itself, whether an experiment, a capacity plan or a
/// sensitivity study: its name and description, its path and text exactly as read (its results folder keeps a
/// copy, and the text's hash tells that folder's runs from another file's), the seed its runs draw their streams
/// from, and the results folder's name.
/// </summary>
public abstract record StudyFile
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public required string File { get; init; }

    public required string Text { get; init; }

    public required ulong Seed { get; init; }

    /// <summary>The results folder's name under the output directory.</summary>
    public required string Output { get; init; }
}
