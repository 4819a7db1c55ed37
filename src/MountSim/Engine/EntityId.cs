namespace MountSim.Engine;

/// <summary>
/// The number a <see cref="Simulation"/> gives a registered <see cref="IEventTarget"/>. Events and
/// resource queues hold this number, not the object: structs free of references are copied
/// without GC write barriers, which is most of the cost of a heap of object-carrying structs.
/// </summary>
public readonly record struct EntityId(int Value)
{
    public override string ToString() => $"#{Value}";
}
