namespace Harness.Replicator.Control;

/// <summary>A response of the loopback endpoints.</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="ContentType">Content-Type header.</param>
/// <param name="Body">The body, UTF-8 encoded on the wire.</param>
public sealed record HttpReply(int Status, string ContentType, string Body)
{
    /// <summary>A JSON reply.</summary>
    public static HttpReply Json(int status, string body) => new(status, "application/json; charset=utf-8", body);

    /// <summary>A plain-text reply.</summary>
    public static HttpReply Text(int status, string body) => new(status, "text/plain; charset=utf-8", body);
}
