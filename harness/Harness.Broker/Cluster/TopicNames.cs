namespace Harness.Broker.Cluster;

/// <summary>Kafka's topic name rules: 1-249 characters of [a-zA-Z0-9._-], and not "." or "..".</summary>
internal static class TopicNames
{
    public const int MaxLength = 249;

    public static string? Validate(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "topic name is empty";
        }

        if (name is "." or "..")
        {
            return $"topic name '{name}' is not allowed";
        }

        if (name.Length > MaxLength)
        {
            return $"topic name is {name.Length} characters; at most {MaxLength} are allowed";
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return $"topic name '{name}' contains '{c}'; only ASCII letters, digits, '.', '_' and '-' are allowed";
            }
        }

        return null;
    }
}
