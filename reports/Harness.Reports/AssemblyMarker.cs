namespace Harness.Reports;

/// <summary>Marks the assembly; lets tests and tools find it by type.</summary>
public static class AssemblyMarker
{
}
