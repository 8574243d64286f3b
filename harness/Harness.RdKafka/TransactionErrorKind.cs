namespace Harness.RdKafka;

/// <summary>What librdkafka says the caller may do after a transactional call failed.</summary>
public enum TransactionErrorKind
{
    /// <summary>The call may be repeated as it was (a timeout, a coordinator moving): the transaction is intact.</summary>
    Retriable,

    /// <summary>The transaction cannot commit any more; abort it, then a new one may begin.</summary>
    Abortable,

    /// <summary>The producer is unusable (fenced by a newer one, or out of order): it has to be closed.</summary>
    Fatal,

    /// <summary>Anything else (a call in the wrong state): a mistake of the caller, not of the cluster.</summary>
    Other,
}
