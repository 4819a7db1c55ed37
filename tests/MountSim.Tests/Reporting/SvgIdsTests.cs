using MountSim.Reporting;

namespace MountSim.Tests.Reporting;

public sealed class SvgIdsTests
{
    [Fact]
    public void ClipPathsAndImagesAreNumberedInTheOrderTheyFirstAppear()
    {
        const string svg = """<clipPath id="cl_2c"/><g clip-path="url(#cl_2c)"/><image id="img_7"/><use xlink:href="#img_7"/><clipPath id="cl_31"/>""";

        Assert.Equal(
            """<clipPath id="cl_0"/><g clip-path="url(#cl_0)"/><image id="img_1"/><use xlink:href="#img_1"/><clipPath id="cl_2"/>""",
            SvgIds.Renumber(svg));
    }

    [Fact]
    public void TextThatMerelyLooksLikeAnIdIsLeftAlone()
    {
        const string svg = "<text>cl_2c</text>";

        Assert.Equal(svg, SvgIds.Renumber(svg));
    }
}
