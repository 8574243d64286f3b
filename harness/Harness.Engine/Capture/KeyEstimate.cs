using Harness.Engine.Load.Model;

namespace Harness.Engine.Capture;

/// <summary>A key distribution estimated from a sample, and a one-line account of the evidence for it.</summary>
/// <param name="Distribution">The distribution a replay uses.</param>
/// <param name="Summary">What was seen, for a comment in the written scenario.</param>
public sealed record KeyEstimate(KeyDistribution Distribution, string Summary);
