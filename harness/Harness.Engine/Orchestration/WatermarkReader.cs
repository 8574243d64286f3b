using Confluent.Kafka;
using Harness.Engine.Clients;
using Confluent.Kafka.Admin;

namespace Harness.Engine.Orchestration;

/// <summary>Reads high watermarks of many partitions in one ListOffsets round trip, through the Kafka protocol.</summary>
internal sealed class WatermarkReader : IDisposable
{
    private readonly IAdminClient _admin;

    public WatermarkReader(KafkaEndpoint bootstrap) =>
        _admin = new AdminClientBuilder(bootstrap.Admin("harness-watermarks")).SetLogHandler(ClientLog.Current.Write).SetErrorHandler(ClientLog.Current.Error).Build();

    /// <summary>High watermark per partition; partitions that failed to answer are left out.</summary>
    public async Task<Dictionary<(string Topic, int Partition), long>> ReadAsync(IEnumerable<(string Topic, int Partitions)> topics, TimeSpan timeout)
    {
        var request = topics.SelectMany(t => Enumerable.Range(0, t.Partitions).Select(p => new TopicPartitionOffsetSpec
        {
            TopicPartition = new TopicPartition(t.Topic, p),
            OffsetSpec = OffsetSpec.Latest(),
        })).ToList();
        var result = new Dictionary<(string, int), long>();
        try
        {
            var answer = await _admin.ListOffsetsAsync(request, new ListOffsetsOptions { RequestTimeout = timeout }).ConfigureAwait(false);
            foreach (var info in answer.ResultInfos)
            {
                result[(info.TopicPartitionOffsetError.Topic, info.TopicPartitionOffsetError.Partition.Value)] = info.TopicPartitionOffsetError.Offset.Value;
            }
        }
        catch (ListOffsetsException e)
        {
            foreach (var info in e.Result.ResultInfos.Where(i => !i.TopicPartitionOffsetError.Error.IsError))
            {
                result[(info.TopicPartitionOffsetError.Topic, info.TopicPartitionOffsetError.Partition.Value)] = info.TopicPartitionOffsetError.Offset.Value;
            }
        }
        catch (KafkaException)
        {
            // A cluster in the middle of a fault may not answer: the caller samples again.
        }

        return result;
    }

    public void Dispose() => _admin.Dispose();
}
