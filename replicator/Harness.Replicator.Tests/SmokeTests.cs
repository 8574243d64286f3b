namespace Harness.Replicator.Tests;

public sealed class SmokeTests
{
    [Test]
    public void Assembly_loads() => typeof(SmokeTests).Assembly.GetName().Name.Should().Be("Harness.Replicator.Tests");
}
