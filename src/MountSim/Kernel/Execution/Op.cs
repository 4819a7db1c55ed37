using MountSim.Kernel.Profiles;

namespace MountSim.Kernel.Execution;

/// <summary>One operation of a <see cref="ThreadProgram"/>; <see cref="Ns"/>, <see cref="Value"/> and <see cref="Variable"/> mean what <see cref="Kind"/> says.</summary>
public readonly record struct Op(OpKind Kind, double Ns = 0, int Value = 0, RepeatVariable Variable = RepeatVariable.Fixed);
