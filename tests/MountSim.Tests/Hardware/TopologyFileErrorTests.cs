using MountSim.Hardware;
using MountSim.Hardware.Yaml;

namespace MountSim.Tests.Hardware;

/// <summary>Each way a topology file can be broken gives file, line, column, field and what was expected.</summary>
public sealed class TopologyFileErrorTests
{
    /// <summary>A valid two-socket file; each test breaks one line of it. Line numbers below refer to it.</summary>
    private const string Valid = """
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

    [Fact]
    public void TheValidFileLoadsWithUnitsConverted()
    {
        var t = TopologyYamlReader.Parse(Valid, "t.yaml");

        Assert.Equal(134, t.Latencies.CrossSocketNs!.Value, 9);
        Assert.Equal(46.6, t.Coherence.HomeServiceNs);
        Assert.True(t.NeedsCalibration("smt_slowdown"));
        Assert.Equal("test", t.SourceOf("latency.same_llc"));
    }

    [Fact]
    public void UnknownKeySuggestsTheNearestOne()
    {
        var e = Fail(Valid.Replace("  same_llc:", "  same_lcc:", StringComparison.Ordinal));

        Assert.Equal(("t.yaml", 10, 3, "latency.same_lcc"), (e.File, e.Line, e.Column, e.Field));
        Assert.StartsWith("t.yaml:10:3: latency.same_lcc: unknown key 'same_lcc'; did you mean 'same_llc'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTopLevelKeySuggestsTheNearestOne()
    {
        var e = Fail(Valid.Replace("smt_slowdown: 1.25", "smt_slowdwn: 1.25", StringComparison.Ordinal));

        Assert.Equal((15, 1), (e.Line, e.Column));
        Assert.Contains("unknown key 'smt_slowdwn'; did you mean 'smt_slowdown'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongTypeForACountSaysWhatWasExpected()
    {
        var e = Fail(Valid.Replace("sockets: 2", "sockets: two", StringComparison.Ordinal));

        Assert.Equal("t.yaml:3:12: layout.sockets: expected a whole number, got 'two'", e.Message);
    }

    [Fact]
    public void ASectionGivenAsAScalarIsRejected()
    {
        var e = Fail(Valid.Replace("coherence:\n  arbitration: centralized\n  home_service: 46.6", "coherence: 5", StringComparison.Ordinal));

        Assert.Equal("t.yaml:12:12: coherence: expected a mapping (key: value lines), got '5'", e.Message);
    }

    [Fact]
    public void ADurationWithoutANumberIsRejected()
    {
        var e = Fail(Valid.Replace("46.6ns\n  cross", "fast\n  cross", StringComparison.Ordinal));

        Assert.Equal(("latency.same_llc", 10, 13), (e.Field, e.Line, e.Column));
        Assert.Contains("expected a duration such as 46.6ns, 1.2us or 0.5ms (a bare number is ns), got 'fast'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountsThatDoNotAddUpAreShownMultipliedOut()
    {
        var e = Fail(Valid.Replace("cpus: 8", "cpus: 6", StringComparison.Ordinal));

        Assert.Equal("t.yaml:7:9: layout.cpus: counts do not add up: 2 sockets x 1 LLC domains x 2 cores x 2 threads = 8 hardware threads, but cpus says 6", e.Message);
    }

    [Fact]
    public void ALatencyClassMissingForADistanceThatExistsIsNamed()
    {
        var e = Fail(Valid.Replace("  cross_socket: 0.134us\n", string.Empty, StringComparison.Ordinal));

        Assert.Equal(("latency.cross_socket", 9, 3), (e.Field, e.Line, e.Column));
        Assert.Contains("missing; the topology has 2 sockets, so cross_socket pairs exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SmtWithoutASlowdownFactorIsRejected()
    {
        var e = Fail(Valid.Replace("smt_slowdown: 1.25\n", string.Empty, StringComparison.Ordinal).Replace("  smt_slowdown: calibrate\n", string.Empty, StringComparison.Ordinal));

        Assert.Equal(("smt_slowdown", 1), (e.Field, e.Line));
        Assert.Contains("this topology has SMT siblings", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFigureWithoutASourceIsRejectedAtTheFigure()
    {
        var e = Fail(Valid.Replace("  coherence.home_service: \"test\"\n", string.Empty, StringComparison.Ordinal));

        Assert.Equal("t.yaml:14:17: coherence.home_service: no source: add 'coherence.home_service: <citation>' under sources: (or 'calibrate' where no public number exists)", e.Message);
    }

    [Fact]
    public void ASourceForNoFigureSuggestsTheFigure()
    {
        var e = Fail(Valid.Replace("smt_slowdown: calibrate", "smt_slowdow: calibrate", StringComparison.Ordinal));

        Assert.Equal(("sources.smt_slowdow", 20), (e.Field, e.Line));
        Assert.Contains("no figure 'smt_slowdow' in this file; did you mean 'smt_slowdown'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMisspelledArbitrationSuggestsTheRightOne()
    {
        var e = Fail(Valid.Replace("centralized", "centralised", StringComparison.Ordinal));

        Assert.Equal(("coherence.arbitration", 13, 16), (e.Field, e.Line, e.Column));
        Assert.Contains("got 'centralised'; did you mean 'centralized'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AServiceTimeOfTheOtherArbitrationIsRejected()
    {
        var e = Fail(Valid.Replace("  home_service: 46.6", "  home_service: 46.6\n  local_service: 20ns", StringComparison.Ordinal));

        Assert.Equal(("coherence.local_service", 15), (e.Field, e.Line));
        Assert.Contains("not used by centralized arbitration", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FewerPossibleCpusThanThreadsDoNotAddUp()
    {
        var e = Fail(Valid.Replace("smt_slowdown: 1.25", "smt_slowdown: 1.25\nnr_possible_cpus: 4", StringComparison.Ordinal));

        Assert.Equal(("nr_possible_cpus", 16), (e.Field, e.Line));
        Assert.Contains("counts do not add up: 4 possible CPUs is less than the 8 hardware threads", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACpuListedTwiceInAnExplicitLayoutIsRejected()
    {
        const string yaml = """
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

        var e = Fail(yaml);

        Assert.Equal(("sockets[0].llc_domains[0].cores", 4, 29), (e.Field, e.Line, e.Column));
        Assert.Contains("CPU 2 appears twice (first at line 4)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LayoutAndExplicitSocketsTogetherAreRejected()
    {
        var e = Fail(Valid + "\nsockets: []");

        Assert.Equal(("sockets", 21), (e.Field, e.Line));
        Assert.Contains("either layout: (counts) or sockets: (an explicit list), not both", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidYamlReportsWhereTheParserStopped()
    {
        var e = Fail(Valid.Replace("  same_llc: 46.6ns", "  same_llc: [46.6ns", StringComparison.Ordinal));

        Assert.Equal("t.yaml", e.File);
        Assert.True(e.Line >= 10, $"line {e.Line}");
        Assert.Contains("not valid YAML", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadIndentationReportsTheParsersPosition()
    {
        var e = Fail(Valid.Replace("  same_llc: 46.6ns", " same_llc: 46.6ns", StringComparison.Ordinal));

        Assert.Equal(("t.yaml", 10), (e.File, e.Line));
        Assert.StartsWith("t.yaml:10:", e.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyFileIsRejected()
    {
        var e = Fail(string.Empty);

        Assert.Equal("t.yaml:1:1: the file is empty; expected a topology (name:, layout:, latency:, ...)", e.Message);
    }

    [Fact]
    public void AMissingFileIsATopologyFileError()
    {
        var e = Assert.Throws<TopologyFileException>(() => TopologyYamlReader.Load("/nonexistent/t.yaml"));

        Assert.Equal(("/nonexistent/t.yaml", 0), (e.File, e.Line));
        Assert.StartsWith("/nonexistent/t.yaml: cannot read the file:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownTopologyNameSuggestsAShippedOne()
    {
        var e = Assert.Throws<UnknownTopologyException>(() => ShippedTopologies.Library.Load("aws-r5-metal"));

        Assert.StartsWith("Unknown topology 'aws-r5-metal'; did you mean 'aws-r5.metal'?", e.Message, StringComparison.Ordinal);
    }

    private static TopologyFileException Fail(string yaml) => Assert.Throws<TopologyFileException>(() => TopologyYamlReader.Parse(yaml, "t.yaml"));
}
