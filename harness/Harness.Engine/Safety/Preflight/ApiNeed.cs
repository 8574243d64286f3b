namespace Harness.Engine.Safety.Preflight;

/// <summary>
/// One Kafka API a run needs on a cluster: its key, the lowest version the clients can live with, and why. An optional
/// one (clients fall back without it) is reported but never counts as missing.
/// </summary>
public sealed record ApiNeed(short Key, string Name, short MinVersion, string Purpose, bool Optional = false);
