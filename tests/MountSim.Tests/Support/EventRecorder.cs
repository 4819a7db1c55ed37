using MountSim.Engine;

namespace MountSim.Tests.Support;

/// <summary>
/// An event target that writes "name:tag@time" into a shared log, then runs an optional
/// reaction (to schedule more events from inside an event).
/// </summary>
internal sealed class EventRecorder : IEventTarget
{
    private readonly Simulation _simulation;
    private readonly string _name;
    private readonly List<string> _log;

    public EventRecorder(Simulation simulation, string name, List<string> log)
    {
        _simulation = simulation;
        _name = name;
        _log = log;
        Id = simulation.Register(this);
    }

    public EntityId Id { get; }

    public Action<int>? OnTag { get; set; }

    public void OnEvent(int tag)
    {
        _log.Add($"{_name}:{tag}@{_simulation.Now}");
        OnTag?.Invoke(tag);
    }
}
