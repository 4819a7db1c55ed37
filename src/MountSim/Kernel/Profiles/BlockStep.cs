using System.Collections.Immutable;

namespace MountSim.Kernel.Profiles;

/// <summary>A step that runs other steps inside it: a lock section or a repetition.</summary>
public abstract record BlockStep(ImmutableArray<RecipeStep> Steps) : RecipeStep;
