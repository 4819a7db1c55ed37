namespace MountSim.Kernel.Loops;

/// <summary>What a thread in a closed-form loop does after one of its loop events.</summary>
public enum LoopStep
{
    /// <summary>Nothing yet: the loop goes on in closed form and has an event to come.</summary>
    Wait,

    /// <summary>Run the next rounds one by one (to sample them again, or the last few).</summary>
    RunRounds,

    /// <summary>The loop is done: go on after it.</summary>
    Done,
}
