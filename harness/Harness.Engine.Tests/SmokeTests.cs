namespace Harness.Engine.Tests;

public sealed class SmokeTests
{
    [Test]
    public void Assembly_loads() => typeof(SmokeTests).Assembly.GetName().Name.Should().Be("Harness.Engine.Tests");
}
