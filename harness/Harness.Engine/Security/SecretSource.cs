namespace Harness.Engine.Security;

/// <summary>Where a <see cref="SecretReference"/> takes its value from.</summary>
public enum SecretSource
{
    /// <summary>Written in the scenario: embedded clusters only.</summary>
    Literal,

    /// <summary><c>${env:NAME}</c>.</summary>
    Environment,

    /// <summary><c>${file:/path}</c>: the whole file, without a trailing newline.</summary>
    File,
}
