using Harness.Engine.Runs;

namespace Harness.Engine.Scenarios;

/// <summary>
/// A scenario file that cannot be used. <see cref="Exception.Message"/> is the first problem, on one line,
/// so the CLI can print it without a stack trace; <see cref="Errors"/> holds every problem found.
/// </summary>
public sealed class ScenarioException : HarnessException
{
    /// <summary>Creates an exception for a list of problems.</summary>
    /// <param name="errors">At least one problem, the first one shown as the message.</param>
    public ScenarioException(IReadOnlyList<ScenarioError> errors)
        : base(FirstMessage(errors), ExitCodes.BadInput)
    {
        Errors = errors;
    }

    /// <summary>Creates an exception with a message and no located problems.</summary>
    public ScenarioException()
        : this("The scenario is not valid.")
    {
    }

    /// <summary>Creates an exception with a message and no located problems.</summary>
    /// <param name="message">The message.</param>
    public ScenarioException(string message)
        : base(message, ExitCodes.BadInput)
    {
        Errors = [];
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ScenarioException(string message, Exception innerException)
        : base(message, ExitCodes.BadInput, innerException)
    {
        Errors = [];
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Lines => Errors.Count == 0 ? [Message] : [.. Errors.Select(e => e.ToString())];

    private static string FirstMessage(IReadOnlyList<ScenarioError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("At least one error is needed.", nameof(errors));
        }

        return errors[0].ToString();
    }
}
