namespace Harness.Engine.Resources;

/// <summary>Reads the run's memory once per sample; a test gives a synthetic one.</summary>
public interface IMemoryProbe
{
    /// <summary>Reads the memory now.</summary>
    MemoryReading Read();
}
