namespace Harness.Engine.Load.Model;

/// <summary>
/// How a topic's producers decide when to send: an <see cref="OpenLoadModel"/> follows a rate whatever
/// the cluster does (arrivals do not wait for acknowledgements, as real traffic does not), a
/// <see cref="ClosedLoadModel"/> keeps a fixed number of sends in flight and goes as fast as the cluster
/// answers.
/// </summary>
public abstract class LoadModel
{
    private protected LoadModel()
    {
    }

    /// <summary>How long the model lasts on its own, or <see langword="null"/> when a record count or duration must end it.</summary>
    public abstract TimeSpan? NaturalDuration { get; }
}
