using MountSim.Calibration.Harness;

namespace MountSim.Tests.Calibration.Harness;

/// <summary>The harness's JSON is what the record model reads back, with the field names a calibration reads.</summary>
public sealed class HarnessMeasurementsJsonTests
{
    private static readonly HarnessMeasurements Sample = new(
        HarnessMeasurements.CurrentSchemaVersion,
        new HarnessHost("6.18.44", "AMD EPYC", 1, 1, 2, 2, "0-1"),
        new HarnessSettings(["per-layer", "detached-fds"], 50, 2, "spread", 20, null, "tmpfs", 1, true, "0 100000 65536"),
        MergedTreesIdentical: true,
        OwnershipShifted: true,
        [],
        [
            new HarnessConfiguration(
                "per-layer", 50, 2, [0, 1], 40, 0.16, 250.5,
                new LatencyStats(7696, 9000, 12164.5, 12200, 7900.25, 40),
                new Dictionary<string, LatencyStats>
                {
                    ["open_tree_clone"] = new(5, 6, 9, 12, 5.5, 2000),
                    ["umount_detach"] = new(50.1, 60, 90, 120, 52, 2000),
                },
                new LatencyStats(1.18, 1.2, 2, 5, 1.19, 90000),
                new LatencyStats(1.19, 1.3, 23.19, 400, 1.5, 15000),
                new MountinfoStats(new(30, 40, 80, 90, 33, 200), new(25, 70, 120, 125, 40, 200), [new(25, 10, 28.5), new(70, 3, 51)]),
                54,
                "ab12"),
            new HarnessConfiguration(
                "detached-fds", 50, 2, [0, 1], 40, 0.14, 285.7, LatencyStats.Empty, new Dictionary<string, LatencyStats>(),
                LatencyStats.Empty, LatencyStats.Empty, null, 54, "ab12"),
        ]);

    [Fact]
    public void MeasurementsRoundTrip()
    {
        var json = HarnessMeasurementsJson.Serialize(Sample);
        var read = HarnessMeasurementsJson.Deserialize(json);

        Assert.Equal(json, HarnessMeasurementsJson.Serialize(read));
        Assert.Equal(Sample.Host, read.Host);
        Assert.Equal(Sample.Configurations[0].SetupLatencyUs, read.Configurations[0].SetupLatencyUs);
        Assert.Equal(50.1, read.Configurations[0].SyscallLatencyUs["umount_detach"].P50);
        Assert.Equal(Sample.Configurations[0].Mountinfo!.ReadTimeByLines, read.Configurations[0].Mountinfo!.ReadTimeByLines);
        Assert.Null(read.Configurations[1].Mountinfo);
        Assert.Equal(["per-layer", "detached-fds"], read.Options.Strategies);
    }

    [Fact]
    public void FieldNamesAreSnakeCase()
    {
        var json = HarnessMeasurementsJson.Serialize(Sample);

        foreach (var name in new[]
        {
            "\"schema_version\"", "\"merged_trees_identical\": true", "\"ownership_shifted\": true", "\"configurations\"",
            "\"setup_latency_us\"", "\"syscall_latency_us\"", "\"open_tree_clone\"", "\"setups_per_second\"", "\"path_walk_idle_us\"",
            "\"path_walk_churn_us\"", "\"p50\"", "\"p99\"", "\"cpu_model\"", "\"llc_domains\"", "\"read_time_by_lines\"", "\"mean_us\"",
        })
        {
            Assert.Contains(name, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CsvHasOneRowPerStrategyMeasurementAndStatistic()
    {
        var rows = HarnessCsvWriter.ToCsv(Sample).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HarnessCsvWriter.Header, rows[0]);
        Assert.Contains("per-layer,50,2,syscall_latency_us.umount_detach,p50,50.1", rows);
        Assert.Contains("per-layer,50,2,setups_per_second,value,250.5", rows);
        Assert.Contains("per-layer,50,2,mountinfo_lines,p99,120", rows);
        Assert.Contains("per-layer,50,2,iterations,requested,20", rows);
        Assert.Contains("per-layer,50,2,setups,value,40", rows);

        // Each: iterations asked, setups done, throughput; per-layer: 6 stats x (setup, 2 calls, 2 walks, 2 mountinfo); detached-fds: 6 x (setup, 2 walks).
        Assert.Equal(1 + (3 + (6 * 7)) + (3 + (6 * 3)), rows.Length);
    }
}
