using System.Collections.Immutable;
using System.Globalization;

namespace MountSim.Kernel.Profiles;

/// <summary>
/// Finds a recipe's <c>cpu</c> step by the key its figure has in the profile's sources,
/// <c>recipes.NAME.steps[1].ns_write[4].repeat.steps[0].cpu</c>: an index at each level, the block's
/// keyword before the index of its inner steps, and <c>repeat.steps[i]</c> inside a repeat.
/// </summary>
internal static class RecipeFigurePath
{
    private const string Prefix = "recipes.";

    /// <summary>Whether <paramref name="key"/> names a step of a recipe, and which recipe.</summary>
    public static bool TryRecipe(string key, out string recipe)
    {
        var steps = key.IndexOf(".steps[", StringComparison.Ordinal);
        recipe = key.StartsWith(Prefix, StringComparison.Ordinal) && steps > Prefix.Length ? key[Prefix.Length..steps] : string.Empty;
        return recipe.Length > 0;
    }

    /// <summary>The cpu step at <paramref name="key"/> in <paramref name="recipe"/>.</summary>
    /// <exception cref="ArgumentException">The key names no cpu step there.</exception>
    public static CpuStep CpuAt(SyscallRecipe recipe, string key)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        CpuStep? found = null;
        Rewrite(recipe.Steps, Tokens(recipe, key), cpu => found = cpu, key);
        return found!;
    }

    /// <summary><paramref name="recipe"/> with the cpu step at <paramref name="key"/> taking <paramref name="ns"/>.</summary>
    /// <exception cref="ArgumentException">The key names no cpu step there.</exception>
    public static SyscallRecipe WithCpuAt(SyscallRecipe recipe, string key, double ns)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return recipe with { Steps = Rewrite(recipe.Steps, Tokens(recipe, key), cpu => cpu with { Ns = ns }, key) };
    }

    /// <summary>The key after the recipe's name, split: <c>steps[1]</c>, <c>ns_write[4]</c>, <c>repeat</c>, <c>steps[0]</c>, <c>cpu</c>.</summary>
    private static string[] Tokens(SyscallRecipe recipe, string key)
    {
        var prefix = Prefix + recipe.Name + ".";
        return key.StartsWith(prefix + "steps[", StringComparison.Ordinal)
            ? key[prefix.Length..].Split('.')
            : throw new ArgumentException($"'{key}' is not a step of recipe '{recipe.Name}'.", nameof(key));
    }

    /// <summary>The steps with the step <paramref name="tokens"/> lead to (its index first) replaced by what <paramref name="change"/> makes of it.</summary>
    private static ImmutableArray<RecipeStep> Rewrite(ImmutableArray<RecipeStep> steps, string[] tokens, Func<CpuStep, CpuStep> change, string key)
    {
        var open = tokens.Length > 0 ? tokens[0].LastIndexOf('[') : -1;
        if (open < 0 || !int.TryParse(tokens[0].AsSpan(open + 1, tokens[0].Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= steps.Length)
        {
            throw new ArgumentException($"'{key}' names no cpu step.", nameof(key));
        }

        var rest = tokens[1..];
        RecipeStep step = (steps[index], rest) switch
        {
            (CpuStep cpu, ["cpu"]) => change(cpu),
            (RepeatStep repeat, ["repeat", var inner, ..]) when inner.StartsWith("steps[", StringComparison.Ordinal) => repeat with { Steps = Rewrite(repeat.Steps, rest[1..], change, key) },
            (BlockStep block and not RepeatStep, [var inner, ..]) when inner.StartsWith(block.Keyword + "[", StringComparison.Ordinal) => block with { Steps = Rewrite(block.Steps, rest, change, key) },
            _ => throw new ArgumentException($"'{key}' names no cpu step.", nameof(key)),
        };
        return steps.SetItem(index, step);
    }
}
