using System.Collections.Immutable;

namespace MountSim.Kernel.Profiles;

/// <summary>One syscall as the kernel profile describes it: the locks it takes, in order, and the work between.</summary>
public sealed record SyscallRecipe(string Name, string Description, ImmutableArray<RecipeStep> Steps)
{
    /// <summary>What one call takes, with the repeat variables bound.</summary>
    public RecipeCounts Count(RepeatBindings bindings) => RecipeCounts.Of(Steps, bindings);
}
