using System.Buffers.Text;
using System.Text.Json;

namespace Harness.Broker.Security;

/// <summary>
/// Checks an unsecured JWT (alg "none", empty signature) as Kafka's default development validator does: the
/// principal comes from the <c>sub</c> claim, <c>exp</c> is required and must be in the future, <c>iat</c>, when
/// present, must not be.
/// </summary>
internal static class UnsecuredJwt
{
    /// <summary>The principal, or null with the reason (never the token itself).</summary>
    public static (string? Principal, string? Problem) Validate(string token, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[2].Length != 0)
        {
            return (null, "the token is not an unsecured JWS (three dot-separated parts, the last empty)");
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "none")
            {
                return (null, "the token's header must say \"alg\": \"none\"");
            }

            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var claims = payload.RootElement;
            if (claims.ValueKind != JsonValueKind.Object)
            {
                return (null, "the token's payload is not a JSON object");
            }

            if (!claims.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(sub.GetString()))
            {
                return (null, "the token has no \"sub\" claim naming the principal");
            }

            if (!claims.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number)
            {
                return (null, "the token has no numeric \"exp\" claim");
            }

            var nowSeconds = now.ToUnixTimeMilliseconds() / 1000.0;
            if (exp.GetDouble() <= nowSeconds)
            {
                return (null, "the token has expired");
            }

            if (claims.TryGetProperty("iat", out var iat) && (iat.ValueKind != JsonValueKind.Number || iat.GetDouble() > nowSeconds))
            {
                return (null, "the token's \"iat\" claim is not a time in the past");
            }

            return (sub.GetString(), null);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return (null, "the token is not base64url-encoded JSON");
        }
    }
}
