using System.Collections.Immutable;

namespace MountSim.Kernel.Profiles;

/// <summary><c>ns_write: [...]</c>: down_write(namespace_sem), the inner steps, up_write.</summary>
public sealed record NamespaceWriteStep(ImmutableArray<RecipeStep> Steps) : BlockStep(Steps)
{
    public override string Keyword => "ns_write";
}
