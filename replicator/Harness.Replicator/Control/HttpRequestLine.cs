namespace Harness.Replicator.Control;

/// <summary>The parts of an HTTP request the loopback endpoints look at.</summary>
/// <param name="Method">GET, POST, ...</param>
/// <param name="Path">The path without the query.</param>
/// <param name="Query">Query parameters (last one wins).</param>
public sealed record HttpRequestLine(string Method, string Path, IReadOnlyDictionary<string, string> Query);
