using MountSim.Hardware;
using MountSim.Hardware.Yaml;
using MountSim.Kernel.Profiles;
using MountSim.Tests.Hardware;
using MountSim.Workload.Runtimes;
using MountSim.Workload.Strategies;
using MountSim.Yaml;

namespace MountSim.Tests.Yaml;

/// <summary>
/// Each way a topology, kernel profile, strategy or runtime file can be broken (a figure's range among them) gives file, line, column,
/// field and what was expected. One table for the four readers: each row breaks one valid file (or gives
/// a whole file), and says where the reader must point and how its problem must begin.
/// </summary>
public sealed class YamlFileErrorTests
{
    private static readonly KernelProfile Profile = KernelProfileLibrary.Load(KernelProfileLibrary.DefaultName);

    /// <summary>A valid two-socket topology; rows break one line of it. Line numbers in the table refer to it.</summary>
    private const string TopologyValid = """
        name: test-2s
        layout:
          sockets: 2
          llc_domains_per_socket: 1
          cores_per_llc_domain: 2
          threads_per_core: 2
          cpus: 8
        latency:
          smt_sibling: 7.6ns
          same_llc: 46.6ns
          cross_socket: 0.134us
        coherence:
          arbitration: centralized
          home_service: 46.6
        smt_slowdown: 1.25
        sources:
          layout: "test"
          latency: "test"
          coherence.home_service: "test"
          smt_slowdown: calibrate
        """;

    /// <summary>A topology with an explicit socket list in which CPU 2 is listed twice.</summary>
    private const string ExplicitTopology = """
        name: explicit
        sockets:
          - llc_domains:
              - cores: [[0, 2], [1, 2]]
        latency:
          smt_sibling: 8ns
          same_llc: 50ns
        coherence: {arbitration: centralized, home_service: 50ns}
        smt_slowdown: 1
        sources: {sockets: x, latency: x, coherence: x, smt_slowdown: x}
        """;

    /// <summary>A valid kernel profile; rows break one line of it. Line numbers in the table refer to it.</summary>
    private const string KernelProfileValid = """
        name: test
        kernel: "6.17"
        parameters:
          path_walk: 1us
          ref_walk_factor: 2
          percpu_sum_per_cpu: 20ns
          mntid_alloc: 500ns
          pcpu_alloc_hold: 150ns
          mountinfo_event: 50ns
          mountinfo_per_byte: 7.1ns
          mountinfo_line_bytes: 160
          mountinfo_lowerdir_bytes: 60
          mountinfo_read_bytes: 4096
          rcu_gp_expedited: 25us
          rcu_gp_expedited_per_busy_cpu: 500ns
          rwsem_wakeup: 5us
          rwsem_handoff: 4ms
          rwsem_reader_batch: 256
        recipes:
          umount:
            description: a test umount
            steps:
              - path_walk
              - ns_write:
                  - cpu: 300ns
                  - mount_lock_write:
                      - cpu: 400ns
                      - mount_table: -1
                      - mountinfo_event
              - rcu_gp_expedited
              - repeat:
                  count: layers
                  steps:
                    - mount_lock_write: [percpu_sum]
        sources:
          parameters: test
          recipes.umount: test
        """;

    /// <summary>A valid strategy; rows break one line of it. Line numbers in the table refer to it.</summary>
    private const string StrategyValid = """
        name: mine
        description: a user's strategy
        containerd: "2.9"
        passes:
          - name: rootfs
            syscalls:
              - repeat: layers
                syscalls: [open_tree_clone, mount_setattr_idmap]
              - overlay_mount
              - repeat: 2
                syscalls:
                  - mountinfo_read
            teardown:
              - umount_overlay
        """;

    /// <summary>A valid runtime; rows break one line of it. Line numbers in the table refer to it.</summary>
    private const string RuntimeValid = """
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

    /// <summary>Which reader a row's file goes through.</summary>
    public enum Reader
    {
        Topology,
        KernelProfile,
        Strategy,
        Runtime,
    }

    /// <summary>
    /// (reader, the text to replace in that reader's valid file or null for a whole file, its replacement,
    /// line, column, field, how the problem begins).
    /// </summary>
    public static TheoryData<Reader, string?, string, int, int, string, string> Broken => new()
    {
        { Reader.Topology, "  same_llc:", "  same_lcc:", 10, 3, "latency.same_lcc", "unknown key 'same_lcc'; did you mean 'same_llc'?" },
        { Reader.Topology, "smt_slowdown: 1.25", "smt_slowdwn: 1.25", 15, 1, "smt_slowdwn", "unknown key 'smt_slowdwn'; did you mean 'smt_slowdown'?" },
        { Reader.Topology, "sockets: 2", "sockets: two", 3, 12, "layout.sockets", "expected a whole number, got 'two'" },
        { Reader.Topology, "coherence:\n  arbitration: centralized\n  home_service: 46.6", "coherence: 5", 12, 12, "coherence", "expected a mapping (key: value lines), got '5'" },
        { Reader.Topology, "46.6ns\n  cross", "fast\n  cross", 10, 13, "latency.same_llc", "expected a duration such as 46.6ns, 1.2us or 0.5ms (a bare number is ns), got 'fast'" },
        { Reader.Topology, "cpus: 8", "cpus: 6", 7, 9, "layout.cpus", "counts do not add up: 2 sockets x 1 LLC domains x 2 cores x 2 threads = 8 hardware threads, but cpus says 6" },
        { Reader.Topology, "  cross_socket: 0.134us\n", "", 9, 3, "latency.cross_socket", "missing; the topology has 2 sockets, so cross_socket pairs exist" },
        { Reader.Topology, "smt_slowdown: 1.25\n", "", 1, 1, "smt_slowdown", "missing; this topology has SMT siblings" },
        { Reader.Topology, "  coherence.home_service: \"test\"\n", "", 14, 17, "coherence.home_service", "no source: add 'coherence.home_service: <citation>' under sources: (or 'calibrate' where no public number exists)" },
        { Reader.Topology, "smt_slowdown: calibrate", "smt_slowdow: calibrate", 20, 3, "sources.smt_slowdow", "no figure 'smt_slowdow' in this file; did you mean 'smt_slowdown'?" },
        { Reader.Topology, "centralized", "centralised", 13, 16, "coherence.arbitration", "expected centralized (one home agent per line, a mesh) or distributed (LLC domains plus a directory, chiplets), got 'centralised'; did you mean 'centralized'?" },
        { Reader.Topology, "  home_service: 46.6", "  home_service: 46.6\n  local_service: 20ns", 15, 3, "coherence.local_service", "not used by centralized arbitration" },
        { Reader.Topology, "smt_slowdown: 1.25", "smt_slowdown: 1.25\nnr_possible_cpus: 4", 16, 19, "nr_possible_cpus", "counts do not add up: 4 possible CPUs is less than the 8 hardware threads" },
        { Reader.Topology, "smt_slowdown: 1.25", "smt_slowdown: 1.25\nprice_per_hour: cheap", 16, 17, "price_per_hour", "expected a number, got 'cheap'" },
        { Reader.Topology, "smt_slowdown: 1.25", "smt_slowdown: 1.25\nprice_per_hour: 0", 16, 17, "price_per_hour", "expected the host's on-demand price in USD per hour, above 0 and at most 1000, got 0; leave price_per_hour out when it has none" },
        { Reader.Topology, "smt_slowdown: 1.25", "smt_slowdown: 1.25\nprice_per_hour: -6.048", 16, 17, "price_per_hour", "expected the host's on-demand price in USD per hour, above 0 and at most 1000, got -6.048" },
        { Reader.Topology, "smt_slowdown: 1.25", "smt_slowdown: 1.25\nprice_per_hour: 6048", 16, 17, "price_per_hour", "expected the host's on-demand price in USD per hour, above 0 and at most 1000, got 6048" },
        { Reader.Topology, "smt_slowdown: 1.25", "smt_slowdown: 1.25\nprice_per_hour: {usd: 6.048}", 16, 17, "price_per_hour", "expected a number" },
        { Reader.Topology, "smt_slowdown: 1.25", "smt_slowdown: 1.25\nprice_per_hour: 6.048", 16, 17, "price_per_hour", "no source: add 'price_per_hour: <citation>' under sources:" },
        { Reader.Topology, "smt_slowdown: 1.25", "smt_slowdown: 1.25\nprice_per_hr: 6.048", 16, 1, "price_per_hr", "unknown key 'price_per_hr'; did you mean 'price_per_hour'?" },
        { Reader.Topology, "  smt_slowdown: calibrate", "  smt_slowdown: calibrate\n  price_per_hour: \"AWS\"", 21, 3, "sources.price_per_hour", "no figure 'price_per_hour' in this file" },
        { Reader.Topology, null, ExplicitTopology, 4, 29, "sockets[0].llc_domains[0].cores", "CPU 2 appears twice (first at line 4)" },
        { Reader.Topology, "  smt_slowdown: calibrate", "  smt_slowdown: calibrate\nsockets: []", 21, 1, "sockets", "give either layout: (counts) or sockets: (an explicit list), not both" },
        { Reader.Topology, "  same_llc: 46.6ns", "  same_llc: [46.6ns", 10, 13, "", "not valid YAML" },
        { Reader.Topology, "  same_llc: 46.6ns", " same_llc: 46.6ns", 10, 2, "", "not valid YAML" },
        { Reader.Topology, null, "", 1, 1, "", "the file is empty; expected a topology (name:, layout:, latency:, ...)" },
        { Reader.Topology, "  smt_slowdown: calibrate", "  smt_slowdown: {source: calibrate, range: [1.5, 1.2], why: guess}", 20, 44, "sources.smt_slowdown.range", "low 1.5 is above high 1.2; expected [LO, HI] with LO <= HI" },
        { Reader.Topology, "  smt_slowdown: calibrate", "  smt_slowdown: {source: calibrate, range: [1.3, 1.6], why: guess}", 20, 44, "sources.smt_slowdown.range", "smt_slowdown is 1.25, outside [1.3, 1.6]; a range must hold the value it is given for" },
        { Reader.Topology, "  smt_slowdown: calibrate", "  smt_slowdown: {source: calibrate, range: [0.9, 1.5], why: guess}", 20, 45, "sources.smt_slowdown.range[0]", "0.9 is outside what smt_slowdown accepts: expected a number from 1 to 4" },
        { Reader.Topology, "  smt_slowdown: calibrate", "  smt_slowdown: {source: calibrate, factor: 2, why: guess}", 20, 45, "sources.smt_slowdown.factor", "factor 2 gives [0.625, 2.5], outside what smt_slowdown accepts (a number from 1 to 4); give range: [LO, HI] inside it" },
        { Reader.Topology, "  smt_slowdown: calibrate", "  smt_slowdown: {source: calibrate, factor: 0.5, why: guess}", 20, 45, "sources.smt_slowdown.factor", "expected a factor above 1 (the range is [value / F, value x F]), got 0.5" },
        { Reader.Topology, "  smt_slowdown: calibrate", "  smt_slowdown: {source: calibrate, range: [1, 1.5]}", 20, 17, "sources.smt_slowdown.why", "missing; expected why the range is what it is: what is known, or that nothing is" },
        { Reader.Topology, "  smt_slowdown: calibrate", "  smt_slowdown: {source: calibrate, range: [1, 1.5], why: guess, note: x}", 20, 66, "sources.smt_slowdown.note", "unknown key 'note'" },
        { Reader.Topology, "  smt_slowdown: calibrate", "  smt_slowdown: {source: calibrate, range: [1, 1.5], factor: 1.2, why: guess}", 20, 54, "sources.smt_slowdown.factor", "give either range: [LO, HI] or factor: F, not both" },
        { Reader.Topology, "  smt_slowdown: calibrate", "  smt_slowdown: {source: calibrate, why: guess}", 20, 17, "sources.smt_slowdown.range", "missing; a mapping entry gives the figure's range: range: [LO, HI] or factor: F" },
        { Reader.Topology, "  layout: \"test\"", "  layout: {source: test, range: [1, 2], why: guess}", 17, 11, "sources.layout", "a range needs one numeric figure, and layout is not one number (a section, a list or a table)" },
        { Reader.Topology, "  latency: \"test\"", "  latency: {source: test, range: [1ns, 200ns], why: guess}", 18, 12, "sources.latency", "a range needs one numeric figure, and latency is a section; give the range under the figure's own key: latency.smt_sibling, latency.same_llc, latency.cross_socket" },
        { Reader.Topology, "  latency: \"test\"", "  latency: \"test\"\n  latency.same_llc: {source: test, range: [0ns, 50ns], why: guess}", 19, 44, "sources.latency.same_llc.range[0]", "0 ns is outside what latency.same_llc accepts: expected a duration above 0 ns" },
        { Reader.Topology, "smt_slowdown: 1.25\nsources:\n", "smt_slowdown: 1.25\nnr_possible_cpus: 8\nsources:\n  nr_possible_cpus: {source: calibrate, range: [4, 16], why: guess}\n", 18, 49, "sources.nr_possible_cpus.range[0]", "4 is outside what nr_possible_cpus accepts: expected a whole number from 8 to 8,192" },
        { Reader.KernelProfile, "- ns_write:", "- ns_wrte:", 24, 9, "recipes.umount.steps[1]", "unknown step 'ns_wrte'; did you mean 'ns_write'?" },
        { Reader.KernelProfile, "          - mountinfo_event", "          - mount_lock_excl: [cpu: 1ns]", 29, 17, "recipes.umount.steps[1].ns_write[1].mount_lock_write[2].mount_lock_excl", "mount_lock_excl inside mount_lock_write: mount_lock is a spinlock and not recursive, a section inside another deadlocks" },
        { Reader.KernelProfile, "- ns_write:\n          - cpu: 300ns", "- ns_read:\n          - ns_write: [cpu: 300ns]", 25, 13, "recipes.umount.steps[1].ns_read[0].ns_write", "ns_write inside ns_read: namespace_sem is not recursive, a second section inside the first deadlocks" },
        { Reader.KernelProfile, "      - cpu: 300ns", "      - rcu_gp_expedited", 25, 13, "recipes.umount.steps[1].ns_write[0].rcu_gp_expedited", "inside ns_write: the kernel releases namespace_sem before the grace period" },
        { Reader.KernelProfile, "- mount_lock_write: [percpu_sum]", "- mount_lock_write: [rcu_gp_expedited]", 34, 34, "recipes.umount.steps[3].repeat.steps[0].mount_lock_write[0].rcu_gp_expedited", "inside mount_lock_write: nothing may wait for a grace period under the mount_lock spinlock" },
        { Reader.KernelProfile, "- mount_lock_write: [percpu_sum]", "- percpu_sum", 34, 15, "recipes.umount.steps[3].repeat.steps[0].percpu_sum", "outside mount_lock" },
        { Reader.KernelProfile, "          - mountinfo_event", "          - ns_read: [cpu: 1ns]", 29, 17, "recipes.umount.steps[1].ns_write[1].mount_lock_write[2].ns_read", "ns_read inside mount_lock_write: namespace_sem is a sleeping lock" },
        { Reader.KernelProfile, "          - mountinfo_event", "          - path_walk", 29, 17, "recipes.umount.steps[1].ns_write[1].mount_lock_write[2].path_walk", "inside mount_lock_write: a lookup under mount_lock deadlocks (path_init spins" },
        { Reader.KernelProfile, "          - mountinfo_event", "          - path_init", 29, 17, "recipes.umount.steps[1].ns_write[1].mount_lock_write[2].path_init", "inside mount_lock_write: a lookup under mount_lock deadlocks (path_init spins" },
        { Reader.KernelProfile, "          - mountinfo_event", "          - mntid_alloc", 29, 17, "recipes.umount.steps[1].ns_write[1].mount_lock_write[2].mntid_alloc", "inside mount_lock_write: mnt id allocation takes pcpu_alloc_mutex" },
        { Reader.KernelProfile, "      - cpu: 300ns", "      - mount_table: +1", 25, 13, "recipes.umount.steps[1].ns_write[0].mount_table", "outside mount_lock_write" },
        { Reader.KernelProfile, "  - rcu_gp_expedited", "  - mountinfo_lines", 30, 9, "recipes.umount.steps[2].mountinfo_lines", "outside a namespace_sem section" },
        { Reader.KernelProfile, "      - cpu: 300ns", "      - mountinfo_event", 25, 13, "recipes.umount.steps[1].ns_write[0].mountinfo_event", "outside mount_lock: touch_mnt_namespace runs under mount_lock" },
        { Reader.KernelProfile, "- path_walk", "- path_walk: 2", 23, 9, "recipes.umount.steps[0].path_walk", "takes no value; write it alone: '- path_walk'" },
        { Reader.KernelProfile, "- cpu: 300ns", "- cpu", 25, 13, "recipes.umount.steps[1].ns_write[0].cpu", "needs a duration: 'cpu: 1.2us'" },
        { Reader.KernelProfile, "- cpu: 300ns", "- cpu: fast", 25, 18, "recipes.umount.steps[1].ns_write[0].cpu", "expected a duration such as 46.6ns, 1.2us or 0.5ms (a bare number is ns), got 'fast'" },
        { Reader.KernelProfile, "  pcpu_alloc_hold: 150ns", "  pcpu_alloc_hold: 1us", 8, 20, "parameters.pcpu_alloc_hold", "expected at most mntid_alloc: the hold is the part of the allocation done under pcpu_alloc_mutex" },
        { Reader.KernelProfile, "- mount_table: -1", "- mount_table: 0", 28, 30, "recipes.umount.steps[1].ns_write[1].mount_lock_write[1].mount_table", "expected a change such as +1 or -1, got 0" },
        { Reader.KernelProfile, "- mount_table: -1", "- mount_table: {change: 0, lowerdirs: layers}", 28, 39, "recipes.umount.steps[1].ns_write[1].mount_lock_write[1].mount_table.change", "expected a change such as +1 or -1, got 0" },
        { Reader.KernelProfile, "- mount_table: -1", "- mount_table: {change: -1, lowerdirs: peers}", 28, 54, "recipes.umount.steps[1].ns_write[1].mount_lock_write[1].mount_table.lowerdirs", "expected layers or a whole number, got 'peers': an overlay's line is fixed when it is mounted" },
        { Reader.KernelProfile, "count: layers", "count: layer", 32, 18, "recipes.umount.steps[3].repeat.count", "expected layers, table_reads, peers, mounts, threads or a whole number, got 'layer'; did you mean 'layers'?" },
        { Reader.KernelProfile, "count: layers", "count: -1", 32, 18, "recipes.umount.steps[3].repeat.count", "expected layers, table_reads, peers, mounts, threads or a whole number, got '-1'" },
        { Reader.KernelProfile, "- mount_lock_write: [percpu_sum]", "- mount_lock_write: []", 34, 33, "recipes.umount.steps[3].repeat.steps[0].mount_lock_write", "expected at least one step" },
        { Reader.KernelProfile, "- rcu_gp_expedited", "- {rcu_gp_expedited: 1, path_walk: 2}", 30, 9, "recipes.umount.steps[2]", "expected a step: a name such as path_walk, or one key such as cpu: 1us or ns_write: [steps], got a mapping with several keys" },
        { Reader.KernelProfile, "  rwsem_reader_batch: 256", "  rwsem_reader_batch: 2.5", 18, 23, "parameters.rwsem_reader_batch", "expected a whole number, got '2.5'" },
        { Reader.KernelProfile, "  rwsem_wakeup: 5us", "  rwsem_wakup: 5us", 16, 3, "parameters.rwsem_wakup", "unknown key 'rwsem_wakup'; did you mean 'rwsem_wakeup'?" },
        { Reader.KernelProfile, "  rwsem_wakeup: 5us\n", "", 4, 3, "parameters.rwsem_wakeup", "missing; expected a duration: wake-up latency of a sleeping namespace_sem waiter" },
        { Reader.KernelProfile, "  recipes.umount: test", "  recipes.umont: test", 37, 3, "sources.recipes.umont", "no figure 'recipes.umont' in this file; did you mean 'recipes.umount'?" },
        { Reader.KernelProfile, "\n  recipes.umount: test", "", 25, 18, "recipes.umount.steps[1].ns_write[0].cpu", "no source: add 'recipes.umount: <citation>' under sources:" },
        { Reader.KernelProfile, "kernel: \"6.17\"\n", "", 1, 1, "kernel", "missing; expected the kernel version the recipes follow" },
        { Reader.KernelProfile, null, "", 1, 1, "", "the file is empty; expected a kernel profile (name:, kernel:, parameters:, recipes:, sources:)" },
        { Reader.KernelProfile, "  parameters: test", "  parameters: test\n  parameters.rwsem_reader_batch: {source: test, range: [100.5, 300], why: guess}", 37, 57, "sources.parameters.rwsem_reader_batch.range[0]", "expected a whole number, got '100.5'" },
        { Reader.KernelProfile, "  parameters: test", "  parameters: test\n  parameters.pcpu_alloc_hold: {source: test, range: [100ns, 600ns], why: guess}", 37, 61, "sources.parameters.pcpu_alloc_hold.range[1]", "600 ns is outside what parameters.pcpu_alloc_hold accepts: expected a duration from 0 ns to 500 ns" },
        { Reader.KernelProfile, "  recipes.umount: test", "  recipes.umount: {source: test, range: [1us, 2us], why: guess}", 37, 19, "sources.recipes.umount", "a range needs one numeric figure, and recipes.umount is a section; give the range under the figure's own key: recipes.umount.steps[1].ns_write[0].cpu, recipes.umount.steps[1].ns_write[1].mount_lock_write[0].cpu" },
        { Reader.KernelProfile, "  recipes.umount: test", "  recipes.umount: test\n  recipes.umount.steps[1].ns_write[0].cpu: {source: test, range: [400ns, 1us], why: guess}", 38, 66, "sources.recipes.umount.steps[1].ns_write[0].cpu.range", "recipes.umount.steps[1].ns_write[0].cpu is 300 ns, outside [400 ns, 1 us]; a range must hold the value it is given for" },
        { Reader.Strategy, "- overlay_mount", "- overlay_mnt", 9, 9, "passes[0].syscalls[1]", "unknown syscall 'overlay_mnt'; did you mean 'overlay_mount'? (kernel profile linux-6.17 has: open_tree_clone," },
        { Reader.Strategy, "[open_tree_clone, mount_setattr_idmap]", "[open_tree_clone, mount_setattr_idmp]", 8, 37, "passes[0].syscalls[0].syscalls[1]", "unknown syscall 'mount_setattr_idmp'; did you mean 'mount_setattr_idmap'?" },
        { Reader.Strategy, "repeat: layers", "repeat: layer", 7, 17, "passes[0].syscalls[0].repeat", "expected layers or a whole number, got 'layer'; did you mean 'layers'?" },
        { Reader.Strategy, "repeat: 2", "repeat: table_reads", 10, 17, "passes[0].syscalls[2].repeat", "expected layers or a whole number, got 'table_reads'" },
        { Reader.Strategy, "          - mountinfo_read\n", "", 11, 18, "passes[0].syscalls[2].syscalls", "expected a list of syscalls, got nothing" },
        { Reader.Strategy, "    teardown:", "    tear_down:", 13, 5, "passes[0].tear_down", "unknown key 'tear_down'; did you mean 'teardown'?" },
        { Reader.Strategy, "  - name: rootfs\n", "  -\n", 6, 5, "passes[0].name", "missing; expected the pass's name" },
        { Reader.Strategy, "passes:", "pases:", 4, 1, "pases", "unknown key 'pases'; did you mean 'passes'?" },
        { Reader.Strategy, "        syscalls: [open_tree_clone, mount_setattr_idmap]", "        syscalls: []", 8, 19, "passes[0].syscalls[0].syscalls", "expected at least one syscall" },
        { Reader.Strategy, null, "name: empty\npasses: []\n", 2, 9, "passes", "expected at least one pass" },
        { Reader.Runtime, "- syscall: umount_detach", "- syscall: umount_detatch", 13, 18, "phases[1].steps[0].syscall", "unknown syscall 'umount_detatch'; did you mean 'umount_detach'?" },
        { Reader.Runtime, "- cpu: 2ms", "- cpu: soon", 6, 14, "phases[0].steps[0].cpu", "expected a duration such as 46.6ns, 1.2us or 0.5ms" },
        { Reader.Runtime, "    times: 2", "    times: 0", 9, 16, "phases[0].steps[1].times", "expected a whole number from 1 to 10,000, got 0" },
        { Reader.Runtime, "- passes: [container]", "- passes: [container]\n        times: 2", 10, 9, "phases[0].steps[2].times", "a strategy's passes run once per start" },
        { Reader.Runtime, "- syscall: umount_detach", "- syscall: umount_detach\n        cpu: 1ms", 13, 9, "phases[1].steps[0]", "expected exactly one of cpu:, syscall:, mountinfo:, passes:, got cpu and syscall" },
        { Reader.Runtime, "- name: delete", "- name: create", 11, 5, "phases[1].name", "a second phase named 'create'" },
        { Reader.Runtime, "- syscall: umount_detach", "- passes: [container]", 4, 3, "phases", "the pass 'container' is placed twice" },
        { Reader.Runtime, "  - name: delete", "  - include: no-such-runtime\n  - name: delete", 11, 14, "phases[1].include", "Unknown name 'no-such-runtime'" },
        { Reader.Runtime, "  - name: delete", "  - include: runc-1.1\n    phases: [runc_creat]\n  - name: delete", 12, 14, "phases[1].phases", "runtime runc-1.1 has no phase 'runc_creat'; did you mean 'runc_create'?" },
        { Reader.Runtime, "        source: \"measured\"", "        source: {source: measured, range: [3ms, 1ms], why: guess}", 7, 43, "phases[0].steps[0].source.range", "low 3 ms is above high 1 ms; expected [LO, HI] with LO <= HI" },
        { Reader.Runtime, "      - syscall: umount_detach", "      - syscall: umount_detach\n        source: {source: strace, range: [1us, 2us], why: guess}", 14, 17, "phases[1].steps[0].source", "a range needs one numeric figure, and phases.delete.steps[0] is a syscall, whose costs are the kernel profile's recipe's" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void ABrokenFileNamesWhereAndWhatWasExpected(Reader reader, string? find, string replacement, int line, int column, string field, string problem)
    {
        var yaml = find is null ? replacement : ValidFile(reader).Replace(find, replacement, StringComparison.Ordinal);
        Assert.NotEqual(ValidFile(reader), yaml);

        var e = Fail(reader, yaml);

        var file = FileName(reader);
        Assert.Equal((file, line, column, field), (e.File, e.Line, e.Column, e.Field));
        Assert.StartsWith(problem, e.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"{file}:{line}:{column}: {(field.Length > 0 ? field + ": " : string.Empty)}{problem}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheValidTopologyLoadsWithUnitsConverted()
    {
        var t = TopologyYamlReader.Parse(TopologyValid, "t.yaml");

        Assert.Equal(134, t.Latencies.CrossSocketNs!.Value, 9);
        Assert.Equal(46.6, t.Coherence.HomeServiceNs);
        Assert.True(t.NeedsCalibration("smt_slowdown"));
        Assert.Equal("test", t.SourceOf("latency.same_llc"));
    }

    [Fact]
    public void TheValidKernelProfileLoads()
    {
        var profile = KernelProfileYamlReader.Parse(KernelProfileValid, "k.yaml");

        var steps = profile.Recipe("umount").Steps;
        Assert.IsType<PathWalkStep>(steps[0]);
        var write = Assert.IsType<NamespaceWriteStep>(steps[1]);
        Assert.Equal(new CpuStep(300), write.Steps[0]);
        Assert.Equal(new MountTableStep(-1), Assert.IsType<MountLockWriteStep>(write.Steps[1]).Steps[1]);
        Assert.Equal(RepeatCount.Layers, Assert.IsType<RepeatStep>(steps[3]).Count);
        Assert.Equal(3, profile.Recipe("umount").Count(new RepeatBindings(3, 1)).PercpuSums);
    }

    [Fact]
    public void TheValidStrategyLoads()
    {
        var strategy = MountStrategyYamlReader.Parse(StrategyValid, "s.yaml", Profile);

        Assert.Equal(["2.9"], strategy.ContainerdVersions);
        Assert.Equal(RepeatCount.Of(2), Assert.IsType<RepeatInvocation>(strategy.Passes[0].Syscalls[2]).Count);
        Assert.Equal(6, StrategyAccounting.For(strategy, Profile, 3).Passes[0].Syscalls.Where(s => s.Syscall != "overlay_mount" && s.Syscall != "mountinfo_read").Sum(s => s.Count));
    }

    [Fact]
    public void TheValidRuntimeLoads()
    {
        var runtime = RuntimeProfileYamlReader.Parse(RuntimeValid, "r.yaml", Profile);

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

    [Fact]
    public void ARuntimeIncludeSplicesTheOtherRuntimesPhases()
    {
        var stack = RuntimeProfileYamlReader.Parse(RuntimeValid.Replace("  - name: delete", "  - include: runc-1.1\n    phases: [runc_start]\n  - name: delete", StringComparison.Ordinal), "r.yaml", Profile);

        Assert.Equal(["create", "runc_start", "delete"], stack.Phases.Select(p => p.Name));
        Assert.Contains("intelrdt", stack.Sources["phases.runc_start.steps[1]"], StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingTopologyFileIsATopologyFileError()
    {
        var e = Assert.Throws<TopologyFileException>(() => TopologyYamlReader.Load("/nonexistent/t.yaml"));

        Assert.Equal(("/nonexistent/t.yaml", 0), (e.File, e.Line));
        Assert.StartsWith("/nonexistent/t.yaml: cannot read the file:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingKernelProfileFileHasNoPosition()
    {
        var e = Assert.Throws<InputFileException>(() => KernelProfileYamlReader.Load("/nonexistent/k.yaml"));

        Assert.StartsWith("/nonexistent/k.yaml: cannot read the file:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownTopologyNameSuggestsAShippedOne()
    {
        var e = Assert.Throws<UnknownTopologyException>(() => ShippedTopologies.Library.Load("aws-r5-metal"));

        Assert.StartsWith("Unknown topology 'aws-r5-metal'; did you mean 'aws-r5.metal'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownKernelProfileNameSuggestsAShippedOne()
    {
        var e = Assert.Throws<UnknownNameException>(() => KernelProfileLibrary.Resolve("linux-6.7"));

        Assert.StartsWith("Unknown kernel profile 'linux-6.7'; did you mean 'linux-6.17'? (shipped: linux-6.17, linux-6.18;", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownStrategyNameSuggestsAShippedOne()
    {
        var e = Assert.Throws<UnknownNameException>(() => MountStrategyLibrary.Resolve("per_layer", Profile));

        Assert.StartsWith("Unknown strategy 'per_layer'; did you mean 'per-layer'?", e.Message, StringComparison.Ordinal);
    }

    private static string ValidFile(Reader reader) => reader switch
    {
        Reader.Topology => TopologyValid,
        Reader.KernelProfile => KernelProfileValid,
        Reader.Strategy => StrategyValid,
        Reader.Runtime => RuntimeValid,
        _ => throw new ArgumentOutOfRangeException(nameof(reader)),
    };

    private static string FileName(Reader reader) => reader switch
    {
        Reader.Topology => "t.yaml",
        Reader.KernelProfile => "k.yaml",
        Reader.Strategy => "s.yaml",
        Reader.Runtime => "r.yaml",
        _ => throw new ArgumentOutOfRangeException(nameof(reader)),
    };

    /// <summary>The reader's own error: a topology's is a <see cref="TopologyFileException"/>, the others' an <see cref="InputFileException"/>.</summary>
    private static InputFileException Fail(Reader reader, string yaml) => reader switch
    {
        Reader.Topology => Assert.Throws<TopologyFileException>(() => TopologyYamlReader.Parse(yaml, "t.yaml")),
        Reader.KernelProfile => Assert.Throws<InputFileException>(() => KernelProfileYamlReader.Parse(yaml, "k.yaml")),
        Reader.Strategy => Assert.Throws<InputFileException>(() => MountStrategyYamlReader.Parse(yaml, "s.yaml", Profile)),
        Reader.Runtime => Assert.Throws<InputFileException>(() => RuntimeProfileYamlReader.Parse(yaml, "r.yaml", Profile)),
        _ => throw new ArgumentOutOfRangeException(nameof(reader)),
    };
}
