using Harness.Engine.Scenarios;

namespace Harness.Engine.Tests.Scenarios;

/// <summary>Helpers for loading scenario text in tests.</summary>
internal static class ScenarioText
{
    public const string Source = "test.yaml";

    /// <summary>A valid topic list to append other sections to.</summary>
    public const string MinimalTopics = """
        topics:
          - name: orders
            partitions: 3
            rate: 100
            records: 1000
        """;

    public static Scenario Load(string yaml) => ScenarioLoader.Parse(yaml, Source);

    /// <summary>The problems a text has, formatted as the exception formats them.</summary>
    public static IReadOnlyList<string> Errors(string yaml)
    {
        try
        {
            ScenarioLoader.Parse(yaml, Source);
        }
        catch (ScenarioException exception)
        {
            return [.. exception.Errors.Select(e => e.ToString())];
        }

        throw new AssertionException("The scenario loaded, but errors were expected.");
    }

    /// <summary>The single problem a text has.</summary>
    public static string Error(string yaml)
    {
        var errors = Errors(yaml);
        errors.Should().ContainSingle("the text has exactly one mistake, but got: {0}", string.Join(" | ", errors));
        return errors[0];
    }
}
