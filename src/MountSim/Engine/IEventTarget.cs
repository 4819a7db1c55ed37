namespace MountSim.Engine;

/// <summary>
/// Whatever an event wakes: an activity, a resource, a kernel object. The tag lets one
/// target tell its own kinds of event apart without a delegate or an allocation per event.
/// </summary>
public interface IEventTarget
{
    void OnEvent(int tag);
}
