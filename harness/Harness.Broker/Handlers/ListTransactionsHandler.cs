using Harness.Broker.Network;
using Harness.Broker.Protocol;
using Harness.Broker.Transactions;

namespace Harness.Broker.Handlers;

/// <summary>
/// ListTransactions v0-v1 (flexible): the transactional ids this broker coordinates (admin clients ask every broker, as
/// for ListGroups), filtered by state, producer id and (v1) minimum running time; unknown state names come back as such.
/// </summary>
internal sealed class ListTransactionsHandler : IApiHandler
{
    private static readonly HashSet<string> StateNames = new(Enum.GetNames<TransactionState>(), StringComparer.Ordinal);

    public ApiKey Key => ApiKey.ListTransactions;

    public short MinVersion => 0;

    public short MaxVersion => 1;

    public short FirstFlexibleVersion => 0;

    public ValueTask HandleAsync(RequestContext context, KafkaReader reader, KafkaWriter writer)
    {
        var states = new List<string>();
        for (var count = reader.ReadArrayLength(flexible: true); count > 0; count--)
        {
            states.Add(reader.ReadString(flexible: true));
        }

        var producerIds = new HashSet<long>();
        for (var count = reader.ReadArrayLength(flexible: true); count > 0; count--)
        {
            producerIds.Add(reader.ReadInt64());
        }

        var minDurationMs = context.Version >= 1 ? reader.ReadInt64() : -1;
        reader.SkipTaggedFields();

        var cluster = context.Cluster;
        var now = cluster.NowMs;
        var unknown = states.Where(s => !StateNames.Contains(s)).ToList();
        var wanted = states.Where(StateNames.Contains).Select(Enum.Parse<TransactionState>).ToHashSet();
        var listed = context.InjectedError != ErrorCode.None || (states.Count > 0 && wanted.Count == 0) ? []
            : cluster.Transactions.List(t => cluster.CoordinatorFor(t.TransactionalId) == context.Broker
                && (wanted.Count == 0 || wanted.Contains(t.State))
                && (producerIds.Count == 0 || producerIds.Contains(t.ProducerId))
                && (minDurationMs < 0 || (t.StartTimestampMs >= 0 && now - t.StartTimestampMs > minDurationMs)));
        writer.WriteInt32(0);
        writer.WriteInt16(context.InjectedError);
        writer.WriteArrayLength(unknown.Count, flexible: true);
        foreach (var state in unknown)
        {
            writer.WriteString(state, flexible: true);
        }

        writer.WriteArrayLength(listed.Count, flexible: true);
        foreach (var transaction in listed)
        {
            writer.WriteString(transaction.TransactionalId, flexible: true);
            writer.WriteInt64(transaction.ProducerId);
            writer.WriteString(transaction.State.ToString(), flexible: true);
            writer.WriteEmptyTaggedFields();
        }

        writer.WriteEmptyTaggedFields();
        return ValueTask.CompletedTask;
    }
}
