namespace Harness.Broker.Security;

/// <summary>One deletion (no salt) or upsertion of an AlterUserScramCredentials request.</summary>
internal sealed record ScramCredentialChange(string User, sbyte Mechanism, int Iterations, byte[]? Salt, byte[]? SaltedPassword)
{
    public bool IsDeletion => Salt is null;
}
