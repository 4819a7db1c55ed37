using MountSim.Engine.Random;

namespace MountSim.Sensitivity;

/// <summary>Fisher-Yates shuffling, every permutation equally likely: a Latin hypercube's strata, a Morris trajectory's order.</summary>
internal static class RandomPermutation
{
    public static void Shuffle(int[] items, RandomStream stream)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = stream.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
