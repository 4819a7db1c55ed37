using MountSim.Kernel.Profiles;
using MountSim.Workload.Runtimes;
using MountSim.Yaml;

namespace MountSim.Tests.Workload.Runtimes;

/// <summary>A runtime file loads into phases of steps; each way it can be broken gives file, line, column, field and what was expected.</summary>
public sealed class RuntimeProfileFileErrorTests
{
    private static readonly KernelProfile Profile = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);

    /// <summary>A valid runtime; each test breaks one line of it. Line numbers below refer to it.</summary>
    private const string Valid = """
        name: mine
        version: mine 1.0
        phases:
          - name: create
            steps:
              - cpu: 2ms
                source: "measured"
              - mountinfo: 1us
                times: 2
              - passes: [container]
          - name: delete
            steps:
              - syscall: umount_detach
        """;

    [Fact]
    public void TheValidFileLoads()
    {
        var runtime = RuntimeProfileYamlReader.Parse(Valid, "r.yaml", Profile);

        Assert.Equal(("mine", "mine 1.0"), (runtime.Name, runtime.Version));
        Assert.Equal(["create", "delete"], runtime.Phases.Select(p => p.Name));
        Assert.Equal(
            [new UserspaceWork(2e6, 1), new MountTableRead(1e3, 2)],
            runtime.Phases[0].Steps.Take(2));
        Assert.Equal(["container"], runtime.PlacedPasses);
        Assert.Equal(new RuntimePhaseCost(2e6, 1e3), runtime.Phases[0].Cost);
        Assert.Equal(2, runtime.Phases[0].TableReads);
        Assert.Equal("measured", runtime.Sources["phases.create.steps[0]"]);
        Assert.Equal(new RuntimeSyscall("umount_detach", 1), Assert.Single(runtime.Phases[1].Steps));
    }

    public static TheoryData<string, string, int, int, string, string> Broken => new()
    {
        { "- syscall: umount_detach", "- syscall: umount_detatch", 13, 18, "phases[1].steps[0].syscall", "unknown syscall 'umount_detatch'; did you mean 'umount_detach'?" },
        { "- cpu: 2ms", "- cpu: soon", 6, 14, "phases[0].steps[0].cpu", "expected a duration such as 46.6ns, 1.2us or 0.5ms" },
        { "    times: 2", "    times: 0", 9, 16, "phases[0].steps[1].times", "expected a whole number from 1 to 10,000, got 0" },
        { "- passes: [container]", "- passes: [container]\n        times: 2", 10, 9, "phases[0].steps[2].times", "a strategy's passes run once per start" },
        { "- syscall: umount_detach", "- syscall: umount_detach\n        cpu: 1ms", 13, 9, "phases[1].steps[0]", "expected exactly one of cpu:, syscall:, mountinfo:, passes:, got cpu and syscall" },
        { "- name: delete", "- name: create", 11, 5, "phases[1].name", "a second phase named 'create'" },
        { "- syscall: umount_detach", "- passes: [container]", 4, 3, "phases", "the pass 'container' is placed twice" },
        { "  - name: delete", "  - include: no-such-runtime\n  - name: delete", 11, 14, "phases[1].include", "Unknown name 'no-such-runtime'" },
        { "  - name: delete", "  - include: runc-1.1\n    phases: [runc_creat]\n  - name: delete", 12, 14, "phases[1].phases", "runtime runc-1.1 has no phase 'runc_creat'; did you mean 'runc_create'?" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void ABrokenLineIsNamedWithWhatWasExpected(string line, string replacement, int row, int column, string field, string message)
    {
        var e = Assert.Throws<InputFileException>(() => RuntimeProfileYamlReader.Parse(Valid.Replace(line, replacement, StringComparison.Ordinal), "r.yaml", Profile));

        Assert.Equal(("r.yaml", row, column, field), (e.File, e.Line, e.Column, e.Field));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnIncludeSplicesTheOtherRuntimesPhases()
    {
        var stack = RuntimeProfileYamlReader.Parse(Valid.Replace("  - name: delete", "  - include: runc-1.1\n    phases: [runc_start]\n  - name: delete", StringComparison.Ordinal), "r.yaml", Profile);

        Assert.Equal(["create", "runc_start", "delete"], stack.Phases.Select(p => p.Name));
        Assert.Contains("intelrdt", stack.Sources["phases.runc_start.steps[1]"], StringComparison.Ordinal);
    }
}
