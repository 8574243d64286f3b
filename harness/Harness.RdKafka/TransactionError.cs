namespace Harness.RdKafka;

/// <summary>A failed transactional call: librdkafka's error code and text, and what the caller may do next.</summary>
/// <param name="Code">librdkafka's error code (rd_kafka_resp_err_t).</param>
/// <param name="Text">librdkafka's description of the error.</param>
/// <param name="Kind">Whether to retry, abort or give the producer up.</param>
public sealed record TransactionError(int Code, string Text, TransactionErrorKind Kind)
{
    /// <summary>Reads and destroys librdkafka's error object; null when the call succeeded (a null pointer).</summary>
    internal static TransactionError? Take(nint error)
    {
        if (error == 0)
        {
            return null;
        }

        try
        {
            // Fatal first: librdkafka may flag a fatal error as needing an abort too, and aborting cannot save it.
            var kind = LibRdKafka.ErrorIsFatal(error) != 0 ? TransactionErrorKind.Fatal
                : LibRdKafka.ErrorTxnRequiresAbort(error) != 0 ? TransactionErrorKind.Abortable
                : LibRdKafka.ErrorIsRetriable(error) != 0 ? TransactionErrorKind.Retriable
                : TransactionErrorKind.Other;
            return new TransactionError(LibRdKafka.ErrorCode(error), LibRdKafka.Text(LibRdKafka.ErrorString(error)), kind);
        }
        finally
        {
            LibRdKafka.ErrorDestroy(error);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Kind switch
    {
        TransactionErrorKind.Retriable => "retriable",
        TransactionErrorKind.Abortable => "abortable",
        TransactionErrorKind.Fatal => "fatal",
        _ => "unexpected",
    }} error {Code}: {Text}";
}
