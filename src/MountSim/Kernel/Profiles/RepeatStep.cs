using System.Collections.Immutable;

namespace MountSim.Kernel.Profiles;

/// <summary><c>repeat: {count: layers, steps: [...]}</c>: the inner steps, <see cref="Count"/> times in a row.</summary>
public sealed record RepeatStep(RepeatCount Count, ImmutableArray<RecipeStep> Steps) : BlockStep(Steps)
{
    public override string Keyword => "repeat";
}
