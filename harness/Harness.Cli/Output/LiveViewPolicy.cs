namespace Harness.Cli.Output;

/// <summary>
/// Decides between the live view and plain lines. Scripts, CI logs and files get plain lines: they cannot replay
/// cursor movement, and a CI runner that fakes a terminal still says so with <c>CI</c>.
/// </summary>
internal static class LiveViewPolicy
{
    /// <summary>Whether to draw the live view.</summary>
    /// <param name="outputRedirected">Whether standard output is a file or a pipe rather than a terminal.</param>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    public static bool Wanted(bool outputRedirected, Func<string, string?> environment) =>
        !outputRedirected
        && !IsOn(environment("CI"))
        && !string.Equals(environment("TERM"), "dumb", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the live view may use colour: no-color.org's <c>NO_COLOR</c> (any non-empty value) turns it off.</summary>
    /// <param name="environment">Reads an environment variable (null when unset).</param>
    public static bool Colour(Func<string, string?> environment) => string.IsNullOrEmpty(environment("NO_COLOR"));

    // CI=false is how some people switch an inherited CI off locally.
    private static bool IsOn(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Trim() is not ("0" or "false" or "False" or "FALSE" or "no");
}
