namespace Harness.Engine.Security;

/// <summary>
/// <c>security.oauthbearer</c>: an unsecured JWT for a principal (what Kafka's default development validator
/// accepts), or OIDC client credentials against a token endpoint.
/// </summary>
public sealed record OAuthBearerSpec
{
    /// <summary>The principal of an unsecured JWT; used when <see cref="TokenEndpoint"/> is absent.</summary>
    public string? Principal { get; init; }

    /// <summary>The OIDC token endpoint (client-credentials grant).</summary>
    public Uri? TokenEndpoint { get; init; }

    /// <summary>The OIDC client id.</summary>
    public string? ClientId { get; init; }

    /// <summary>The OIDC client secret.</summary>
    public SecretReference? ClientSecret { get; init; }

    /// <summary>The OIDC scope, when the provider wants one.</summary>
    public string? Scope { get; init; }

    /// <summary>Whether tokens come from an OIDC endpoint rather than being unsecured JWTs.</summary>
    public bool UsesOidc => TokenEndpoint is not null;
}
