using MountSim.Calibration.Harness;

namespace MountSim.Tests.Calibration.Harness;

/// <summary>The refusals' parsers, on fake /proc texts (the refusal itself cannot be seen as root).</summary>
public sealed class HostRequirementsTests
{
    private const string Status = "Name:\tmountsim\nUmask:\t0022\nCapInh:\t0000000000000000\nCapPrm:\t{0}\nCapEff:\t{0}\nCapBnd:\t000001ffffffffff\n";

    [Theory]
    [InlineData("000001ffffffffff", true)]
    [InlineData("0000000000200000", true)]
    [InlineData("00000000a80425fb", false)]
    [InlineData("0000000000000000", false)]
    [InlineData("000001ffffdfffff", false)]
    public void CapSysAdminIsBit21OfCapEff(string capEff, bool expected) =>
        Assert.Equal(expected, HostRequirements.HasSysAdmin(string.Format(System.Globalization.CultureInfo.InvariantCulture, Status, capEff)));

    [Fact]
    public void AStatusWithoutCapEffGrantsNothing()
    {
        Assert.False(HostRequirements.HasSysAdmin("Name:\tx\nCapBnd:\t000001ffffffffff\n"));
        Assert.False(HostRequirements.HasSysAdmin("CapEff:\tnot-hex\n"));
    }

    [Theory]
    [InlineData("6.18.44-fc-v782", 6, 18)]
    [InlineData("6.3.0", 6, 3)]
    [InlineData("5.15.0-91-generic\n", 5, 15)]
    [InlineData("6.1.0-13-amd64", 6, 1)]
    public void KernelVersionIsMajorDotMinor(string release, int major, int minor) =>
        Assert.Equal(new Version(major, minor), HostRequirements.KernelVersion(release));

    [Fact]
    public void KernelsBefore63CannotIdmapTmpfs()
    {
        Assert.True(HostRequirements.KernelVersion("6.2.16") < HostRequirements.IdmappedTmpfsKernel);
        Assert.False(HostRequirements.KernelVersion("6.3.1") < HostRequirements.IdmappedTmpfsKernel);
        Assert.Null(HostRequirements.KernelVersion("unknown"));
    }
}
