"""Drives Debian's python3-confluent-kafka (1.7, on Debian's own librdkafka build) against a broker:
`/usr/bin/python3 conformance.py <bootstrap servers> <scenario>`.

Prints one JSON line with what it saw (the client and librdkafka versions, every API version librdkafka sent,
its warnings) and exits 0; on failure prints the reason to stderr and exits 1; bad arguments exit 2. The C# test
(PythonClientTests) asserts on the JSON.

The 1.7 AdminClient has create/delete topics, create partitions, describe and (non-incremental) alter configs and
list groups (librdkafka's ListGroups followed by DescribeGroups). It lacks incremental_alter_configs (2.2),
delete_records (2.4), list_offsets (2.3) and the consumer group admin calls (2.0), so those are not covered here:
offsets are listed through the consumer's get_watermark_offsets and offsets_for_times (both ListOffsets), committed
offsets read back through the consumer's committed (OffsetFetch).
"""

import json
import logging
import re
import sys
import time
import traceback

from confluent_kafka import (OFFSET_BEGINNING, TIMESTAMP_CREATE_TIME, Consumer, KafkaError, KafkaException, Producer,
                             TopicPartition, libversion, version)
from confluent_kafka.admin import AdminClient, ConfigResource, ConfigSource, NewPartitions, NewTopic

SCENARIOS = {}
BASE_TIMESTAMP = 1700000000000
TIMEOUT = 15.0


class Failure(Exception):
    """A finding: what the client saw differs from what Kafka would answer."""


class Findings(logging.Handler):
    """librdkafka's log, forwarded by the client: with debug=protocol it logs "Sent ProduceRequest (v7, ...)" for every
    request, which gives the API versions it really negotiated; warnings and errors are kept as findings."""

    SENT = re.compile(r"Sent (\w+)Request \(v(\d+)")

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.api_versions = set()
        self.problems = []

    def emit(self, record):
        message = record.getMessage()
        match = self.SENT.search(message)
        if match:
            self.api_versions.add(f"{match[1]} v{match[2]}")
        elif record.levelno >= logging.WARNING:
            self.problems.append(message)


FINDINGS = Findings()
LOGGER = logging.getLogger("librdkafka")
LOGGER.setLevel(logging.DEBUG)
LOGGER.propagate = False
LOGGER.addHandler(FINDINGS)
BOOTSTRAP = None


def config(**extra):
    settings = {
        "bootstrap.servers": BOOTSTRAP,
        "client.id": "harness-python",
        "logger": LOGGER,
        "debug": "protocol",
        "error_cb": lambda error: FINDINGS.problems.append(f"error_cb: {error}"),
    }
    settings.update(extra)
    return settings


def check(condition, message):
    if not condition:
        raise Failure(message)


def error_name(future):
    """The Kafka error name a future failed with, or None when it succeeded."""
    try:
        future.result(TIMEOUT)
        return None
    except KafkaException as error:
        return error.args[0].name()


def succeed_all(futures):
    for name, future in futures.items():
        failure = error_name(future)
        check(failure is None, f"{name}: {failure}")


def source_name(entry):
    source = entry.source
    return source.name if isinstance(source, ConfigSource) else ConfigSource(source).name


def describe(admin, restype, name):
    resource = ConfigResource(restype, name)
    return admin.describe_configs([resource], request_timeout=TIMEOUT)[resource].result(TIMEOUT)


def warmed(producer, topic):
    """The producer with the topic's metadata cached: librdkafka 2.0 looks up a topic it has not seen yet on its
    one-second topic scan, which holds the first records (and a transactional producer's first AddPartitionsToTxn)
    for up to a second per producer; warmed, the scenarios take a third of the time."""
    producer.list_topics(topic, TIMEOUT)
    return producer


def produce_all(producer, records):
    """Produces (topic, kwargs) pairs and flushes; returns the delivery errors."""
    errors = []

    def delivered(error, message):
        if error is not None:
            errors.append(f"{message.topic()}[{message.partition()}]: {error.name()}")

    for topic, kwargs in records:
        producer.produce(topic, on_delivery=delivered, **kwargs)
        producer.poll(0)
    check(producer.flush(TIMEOUT) == 0, "records left undelivered after the flush")
    return errors


def scenario(function):
    SCENARIOS[function.__name__.replace("_", "-")] = function
    return function


@scenario
def metadata():
    admin = AdminClient(config())
    cluster = admin.list_topics(timeout=TIMEOUT)
    admin.poll(0)
    return {
        "brokers": sorted([b.id, f"{b.host}:{b.port}"] for b in cluster.brokers.values()),
        "controller": cluster.controller_id,
        "clusterId": cluster.cluster_id,
        "topics": {
            name: sorted([p.id, p.leader, len(p.replicas), len(p.isrs)] for p in topic.partitions.values())
            for name, topic in sorted(cluster.topics.items())
        },
    }


@scenario
def produce_consume():
    topic, partitions, per_codec = "python-records", 6, 1500
    codecs = ["gzip", "snappy", "lz4", "zstd"]
    admin = AdminClient(config())
    succeed_all(admin.create_topics([NewTopic(topic, partitions, 3)], operation_timeout=TIMEOUT))

    # One idempotent producer per codec, in turn: record i goes to partition i % 6, so offset o of partition p holds
    # record o * 6 + p whatever the codec, and a duplicate or a reorder shows as a wrong key at an offset.
    count = per_codec * len(codecs)
    delivery_errors = []
    for n, codec in enumerate(codecs):
        producer = warmed(Producer(config(**{"enable.idempotence": True, "compression.codec": codec, "linger.ms": 5})), topic)
        delivery_errors += produce_all(producer, [
            (topic, {
                "key": f"key-{i}", "value": f"value-{i}", "partition": i % partitions, "timestamp": BASE_TIMESTAMP + i,
                # A repeated header name is legal and must keep its order.
                "headers": [("seq", str(i // partitions).encode()), ("codec", codec.encode()), ("dup", b"a"), ("dup", b"b")],
            })
            for i in range(n * per_codec, (n + 1) * per_codec)
        ])
    check(not delivery_errors, f"delivery failed: {delivery_errors[:10]}")

    group = "python-group"
    consumer = Consumer(config(**{
        "group.id": group, "auto.offset.reset": "earliest", "enable.auto.commit": False,
        "session.timeout.ms": 10000, "heartbeat.interval.ms": 500, "fetch.wait.max.ms": 100,
    }))
    consumer.subscribe([topic])
    next_offset = [0] * partitions
    per_codec_seen = {codec: 0 for codec in codecs}
    mismatches = []
    first_record = None
    seen = 0
    deadline = time.monotonic() + 60
    while seen < count:
        check(time.monotonic() < deadline, f"consumed {seen} of {count} records within 60 s")
        messages = consumer.consume(1000, 0.5)
        for message in messages:
            check(message.error() is None, f"consume: {message.error()}")
            p, offset = message.partition(), message.offset()
            if offset != next_offset[p]:
                mismatches.append(f"partition {p}: offset {offset}, expected {next_offset[p]}")
            next_offset[p] = offset + 1
            i = offset * partitions + p
            codec = codecs[i // per_codec] if i < count else "?"
            expected_headers = [("seq", str(offset).encode()), ("codec", codec.encode()), ("dup", b"a"), ("dup", b"b")]
            if message.key() != f"key-{i}".encode() or message.value() != f"value-{i}".encode():
                mismatches.append(f"partition {p} offset {offset}: key {message.key()} value {message.value()}, expected record {i}")
            if message.timestamp() != (TIMESTAMP_CREATE_TIME, BASE_TIMESTAMP + i):
                mismatches.append(f"partition {p} offset {offset}: timestamp {message.timestamp()}")
            if message.headers() != expected_headers:
                mismatches.append(f"partition {p} offset {offset}: headers {message.headers()}")
            else:
                per_codec_seen[codec] += 1
            if p == 1 and offset == 0:
                first_record = {"key": message.key().decode(), "value": message.value().decode(), "timestamp": message.timestamp()[1],
                                "headers": [[k, v.decode()] for k, v in message.headers()]}
            seen += 1
        if messages:
            consumer.commit(asynchronous=False)

    assigned = [TopicPartition(topic, p) for p in range(partitions)]
    committed = [tp.offset for tp in sorted(consumer.committed(assigned, timeout=TIMEOUT), key=lambda tp: tp.partition)]
    watermarks = [list(consumer.get_watermark_offsets(tp, timeout=TIMEOUT, cached=False)) for tp in assigned]
    groups = admin.list_groups(group, timeout=TIMEOUT)
    check(len(groups) == 1, f"list_groups({group}) returned {groups}")
    described = groups[0]
    consumer.close()

    # A new member of the group starts from the committed offsets: nothing is left to read.
    again = Consumer(config(**{"group.id": group, "auto.offset.reset": "earliest", "enable.auto.commit": False,
                               "enable.partition.eof": True, "fetch.wait.max.ms": 100}))
    again.subscribe([topic])
    eof, reread = set(), 0
    deadline = time.monotonic() + 30
    while len(eof) < partitions:
        check(time.monotonic() < deadline, f"the second member reached the end of {len(eof)} of {partitions} partitions within 30 s")
        message = again.poll(0.5)
        if message is None:
            continue
        if message.error() is not None:
            check(message.error().code() == KafkaError._PARTITION_EOF, f"second member: {message.error()}")
            eof.add(message.partition())
        else:
            reread += 1
    again.close()
    admin.poll(0)
    return {
        "seen": seen,
        "perCodec": per_codec_seen,
        "mismatches": mismatches[:20],
        "nextOffsets": next_offset,
        "committed": committed,
        "watermarks": watermarks,
        "firstRecord": first_record,
        "groupState": described.state,
        "protocolType": described.protocol_type,
        "protocol": described.protocol,
        "members": [m.client_id for m in described.members],
        "rereadBySecondMember": reread,
    }


@scenario
def admin():
    client = AdminClient(config())
    a, b, timed = "python-admin-a", "python-admin-b", "python-admin-times"
    succeed_all(client.create_topics([
        NewTopic(a, 3, 2, config={"retention.ms": "3600000"}),
        NewTopic(b, 1, 3),
        NewTopic(timed, 1, 3),
    ], operation_timeout=TIMEOUT))
    already_exists = error_name(client.create_topics([NewTopic(b, 1, 3)], operation_timeout=TIMEOUT)[b])
    too_many_replicas = error_name(client.create_topics([NewTopic("python-admin-rf", 1, 4)], operation_timeout=TIMEOUT)["python-admin-rf"])
    validated = error_name(client.create_topics([NewTopic("python-admin-checked", 1, 3)], validate_only=True, operation_timeout=TIMEOUT)["python-admin-checked"])
    FINDINGS.problems.clear()  # librdkafka may log the refusal above; anything after it is a finding
    cluster = client.list_topics(timeout=TIMEOUT)
    created = {name: sorted([p.id, len(p.replicas), len(p.isrs), p.leader > 0] for p in cluster.topics[name].partitions.values())
               for name in (a, b)}

    topic = ConfigResource.Type.TOPIC
    configs = describe(client, topic, a)
    defaults = describe(client, topic, b)
    entry = lambda entries, name: [entries[name].value, source_name(entries[name])]
    described = {"retention.ms": entry(configs, "retention.ms"), "cleanup.policy": entry(configs, "cleanup.policy")}

    # AlterConfigs replaces a topic's whole set of explicit configs: retention.ms, set at creation, goes back to its
    # default when the alteration leaves it out.
    succeed_all(client.alter_configs([ConfigResource(topic, a, set_config={"cleanup.policy": "compact"})], request_timeout=TIMEOUT))
    altered = describe(client, topic, a)
    after_alter = {"retention.ms": entry(altered, "retention.ms"), "cleanup.policy": entry(altered, "cleanup.policy")}
    validate_only = error_name(client.alter_configs([ConfigResource(topic, a, set_config={"retention.ms": "60000"})],
                                                    validate_only=True, request_timeout=TIMEOUT)[ConfigResource(topic, a)])
    after_validate_only = entry(describe(client, topic, a), "retention.ms")
    invalid = error_name(client.alter_configs([ConfigResource(topic, a, set_config={"cleanup.policy": "sometimes"})],
                                              request_timeout=TIMEOUT)[ConfigResource(topic, a)])
    unknown_topic = error_name(client.describe_configs([ConfigResource(topic, "python-admin-missing")],
                                                       request_timeout=TIMEOUT)[ConfigResource(topic, "python-admin-missing")])
    broker = describe(client, ConfigResource.Type.BROKER, "1")
    FINDINGS.problems.clear()  # the refusals above may be logged; anything after them is a finding

    succeed_all(client.create_partitions([NewPartitions(a, 5)], operation_timeout=TIMEOUT))
    fewer = error_name(client.create_partitions([NewPartitions(a, 2)], operation_timeout=TIMEOUT)[a])
    succeed_all(client.delete_topics([b], operation_timeout=TIMEOUT))
    FINDINGS.problems.clear()
    deadline = time.monotonic() + TIMEOUT
    while True:
        cluster = client.list_topics(timeout=TIMEOUT)
        if b not in cluster.topics and len(cluster.topics[a].partitions) == 5:
            break
        check(time.monotonic() < deadline, f"metadata still shows {b} or fewer than 5 partitions of {a}")
        time.sleep(0.1)

    # A group that only has committed offsets is listed and described as Empty.
    group = "python-admin-group"
    committer = Consumer(config(**{"group.id": group, "enable.auto.commit": False}))
    committer.commit(offsets=[TopicPartition(a, 0, 0)], asynchronous=False)
    committer.close()
    groups = client.list_groups(group, timeout=TIMEOUT)
    check(len(groups) == 1, f"list_groups({group}) returned {groups}")
    listed = [g.id for g in client.list_groups(timeout=TIMEOUT)]

    # ListOffsets through the consumer: earliest and latest, and by timestamp (exact, between two records, after the last).
    producer = warmed(Producer(config(**{"linger.ms": 0})), timed)
    errors = produce_all(producer, [(timed, {"value": f"v{i}", "partition": 0, "timestamp": BASE_TIMESTAMP + 10 * i}) for i in range(100)])
    check(not errors, f"delivery failed: {errors}")
    reader = Consumer(config(**{"group.id": "python-admin-reader", "enable.auto.commit": False}))
    partition = TopicPartition(timed, 0)
    watermarks = list(reader.get_watermark_offsets(partition, timeout=TIMEOUT, cached=False))
    queries = {"exact": BASE_TIMESTAMP + 500, "between": BASE_TIMESTAMP + 505, "afterLast": BASE_TIMESTAMP + 10_000, "earliest": -2, "latest": -1}
    # One query each: a request naming the same partition twice is ambiguous.
    by_timestamp = {name: reader.offsets_for_times([TopicPartition(timed, 0, ts)], timeout=TIMEOUT)[0].offset for name, ts in queries.items()}
    reader.close()
    client.poll(0)
    return {
        "alreadyExists": already_exists,
        "tooManyReplicas": too_many_replicas,
        "validateOnlyCreate": validated,
        "created": created,
        "described": described,
        "defaultRetention": entry(defaults, "retention.ms"),
        "afterAlter": after_alter,
        "validateOnly": validate_only,
        "afterValidateOnly": after_validate_only,
        "invalidValue": invalid,
        "unknownTopic": unknown_topic,
        "brokerConfigs": {name: broker[name].value for name in ("broker.id", "num.partitions", "log.retention.ms") if name in broker},
        "fewerPartitions": fewer,
        "partitionsAfterGrow": len(cluster.topics[a].partitions),
        "topicsAfterDelete": sorted(t for t in cluster.topics if t.startswith("python-admin")),
        "groupState": groups[0].state,
        "groupMembers": len(groups[0].members),
        "listedGroups": sorted(listed),
        "watermarks": watermarks,
        "byTimestamp": by_timestamp,
    }


@scenario
def transactions():
    topic, source, eos_group = "python-txn", "python-txn-in", "python-eos"
    admin = AdminClient(config())
    succeed_all(admin.create_topics([NewTopic(topic, 1, 3), NewTopic(source, 1, 3)], operation_timeout=TIMEOUT))

    def transactional():
        producer = Producer(config(**{"transactional.id": "python-tx"}))
        producer.init_transactions(TIMEOUT)
        return warmed(producer, topic)

    def send(producer, prefix, n):
        for i in range(n):
            producer.produce(topic, key=f"k{i}", value=f"{prefix}-{i}")
        check(producer.flush(TIMEOUT) == 0, f"{prefix} records left undelivered")

    # The offsets of a consume-transform-produce loop: sent to the transaction for a group no member has joined.
    group_member = Consumer(config(**{"group.id": eos_group, "enable.auto.commit": False}))
    first = transactional()
    first.begin_transaction()
    send(first, "committed", 5)
    first.send_offsets_to_transaction([TopicPartition(source, 0, 3)], group_member.consumer_group_metadata(), TIMEOUT)
    first.commit_transaction(TIMEOUT)
    first.begin_transaction()
    send(first, "aborted", 5)
    first.abort_transaction(TIMEOUT)

    # A second producer with the same transactional.id bumps the epoch: the first one's next transaction must fail.
    second = transactional()
    fenced, fatal = None, None
    try:
        first.begin_transaction()
        first.produce(topic, key="k0", value="zombie-0")
        first.flush(TIMEOUT)
        first.commit_transaction(TIMEOUT)
    except KafkaException as error:
        fenced, fatal = error.args[0].name(), error.args[0].fatal()
    del first  # destroyed here, so what it logs about being fenced comes before the clear below
    FINDINGS.problems.clear()  # librdkafka reports the fencing above as an error; anything after it is a finding
    second.begin_transaction()
    send(second, "successor", 2)
    second.commit_transaction(TIMEOUT)

    def read_all(isolation, topic=topic):
        reader = Consumer(config(**{"group.id": f"python-txn-{isolation}", "isolation.level": isolation, "enable.auto.commit": False,
                                    "enable.partition.eof": True, "fetch.wait.max.ms": 100}))
        reader.assign([TopicPartition(topic, 0, OFFSET_BEGINNING)])
        values = []
        deadline = time.monotonic() + 30
        while True:
            check(time.monotonic() < deadline, f"{isolation} reader did not reach the end within 30 s; read {values}")
            message = reader.poll(0.5)
            if message is None:
                continue
            if message.error() is not None:
                check(message.error().code() == KafkaError._PARTITION_EOF, f"{isolation}: {message.error()}")
                break
            values.append(message.value().decode())
        reader.close()
        return values

    read_committed = read_all("read_committed")
    read_uncommitted = read_all("read_uncommitted")

    # Two transactions interleaved on one partition, compressed with different codecs, one aborted: the fetch's list of
    # aborted transactions must drop exactly the aborted producer's batches. A third transaction left open holds
    # read_committed readers at the last stable offset.
    mixed = "python-txn-mixed"
    succeed_all(admin.create_topics([NewTopic(mixed, 1, 3)], operation_timeout=TIMEOUT))
    keeper = Producer(config(**{"transactional.id": "python-tx-keep", "compression.codec": "lz4", "linger.ms": 0}))
    dropper = Producer(config(**{"transactional.id": "python-tx-drop", "compression.codec": "zstd", "linger.ms": 0}))
    holder = Producer(config(**{"transactional.id": "python-tx-open", "compression.codec": "gzip", "linger.ms": 0}))
    for producer in (keeper, dropper, holder):
        producer.init_transactions(TIMEOUT)
        warmed(producer, mixed)
        producer.begin_transaction()
    for i in range(6):
        producer = keeper if i % 2 == 0 else dropper
        producer.produce(mixed, value=f"{'kept' if producer is keeper else 'dropped'}-{i}", partition=0)
        check(producer.flush(TIMEOUT) == 0, "interleaved record left undelivered")
    dropper.abort_transaction(TIMEOUT)
    keeper.commit_transaction(TIMEOUT)
    holder.produce(mixed, value="open", partition=0)
    check(holder.flush(TIMEOUT) == 0, "the open transaction's record was not delivered")
    mixed_committed = read_all("read_committed", mixed)
    mixed_uncommitted = read_all("read_uncommitted", mixed)
    holder.abort_transaction(TIMEOUT)
    eos_offset = group_member.committed([TopicPartition(source, 0)], timeout=TIMEOUT)[0].offset
    group_member.close()
    admin.poll(0)
    return {
        "readCommitted": read_committed,
        "readUncommitted": read_uncommitted,
        "fencedError": fenced,
        "fencedFatal": fatal,
        "eosOffset": eos_offset,
        "interleavedReadCommitted": mixed_committed,
        "interleavedReadUncommitted": mixed_uncommitted,
    }


def main():
    global BOOTSTRAP
    if len(sys.argv) != 3 or sys.argv[2] not in SCENARIOS:
        print(f"usage: python3 conformance.py <bootstrap servers> <{'|'.join(SCENARIOS)}>", file=sys.stderr)
        return 2
    BOOTSTRAP, name = sys.argv[1], sys.argv[2]
    try:
        result = SCENARIOS[name]()
    except Exception as error:  # a timeout or a client error too: report it with librdkafka's findings
        print(f"{name} failed: {error!r}", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        for problem in FINDINGS.problems[-20:]:
            print(f"  {problem}", file=sys.stderr)
        print(f"  api versions sent: {', '.join(sorted(FINDINGS.api_versions))}", file=sys.stderr)
        return 1
    result.update({
        "clientVersion": version()[0],
        "librdkafka": libversion()[0],
        "apiVersions": sorted(FINDINGS.api_versions),
        "warnings": FINDINGS.problems,
    })
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
