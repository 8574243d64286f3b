using System.Text.Json;

namespace Harness.Reports.Tests.Browser;

/// <summary>A Chrome DevTools Protocol event: its method, the session it came from (null for the browser) and its parameters.</summary>
internal sealed record CdpEvent(string Method, string? SessionId, JsonElement Params);
