'use strict'

// Drives kafkajs against a broker: `node conformance.js <bootstrap servers> <scenario>`.
// Prints one JSON line with what it saw (including every API version kafkajs sent) and exits 0 on
// success; on failure prints the reason to stderr and exits 1. The C# test asserts on the JSON.

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'
const { Kafka, CompressionTypes, logLevel } = require('kafkajs')

const [bootstrap, scenario] = process.argv.slice(2)
if (!bootstrap || !scenario) {
  console.error('usage: node conformance.js <bootstrap servers> <produce-consume|admin|transactions>')
  process.exit(2)
}

// kafkajs logs "Request Produce(key: 0, version: 7)" at debug level: collect those to report the versions
// it actually negotiated, and keep warnings and errors for the failure message.
const apiVersionsSent = new Set()
const problems = []
const logCreator = () => ({ level, log }) => {
  const match = /^Request (\w+)\(key: \d+, version: (\d+)\)/.exec(log.message)
  if (match) {
    apiVersionsSent.add(`${match[1]} v${match[2]}`)
  } else if (level <= logLevel.WARN) {
    problems.push(`${log.logger ?? 'kafkajs'}: ${log.message} ${log.error ?? ''}`.trim())
  }
}

const kafka = new Kafka({
  clientId: 'harness-kafkajs',
  brokers: bootstrap.split(','),
  logLevel: logLevel.DEBUG,
  logCreator,
  retry: { retries: 8, initialRetryTime: 100 },
})

const withDeadline = (promise, ms, what) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms).unref())])

const assert = (condition, message) => {
  if (!condition) throw new Error(message)
}

async function produceConsume () {
  const topic = 'kafkajs-records'
  const partitions = 6
  const count = 12000
  const admin = kafka.admin()
  await admin.connect()
  assert(await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true }), 'createTopics reported the topic as existing')

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 100, maxRetryTime: 1000 } })
  await producer.connect()
  for (let start = 0; start < count; start += 1000) {
    const messages = []
    for (let i = start; i < start + 1000; i++) {
      messages.push({
        partition: i % partitions,
        key: `key-${i}`,
        value: `value-${i}`,
        timestamp: String(1700000000000 + i),
        headers: { seq: String(Math.floor(i / partitions)) },
      })
    }

    // Alternate codecs: gzip is the one kafkajs ships without plugins.
    const compression = (start / 1000) % 2 === 0 ? CompressionTypes.None : CompressionTypes.GZIP
    const acks = await producer.send({ topic, messages, acks: -1, compression })
    assert(acks.every(a => a.errorCode === 0), `produce answered ${JSON.stringify(acks)}`)
  }
  await producer.disconnect()

  const groupId = 'kafkajs-group'
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 500, maxWaitTimeInMs: 200 })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  const nextOffset = new Array(partitions).fill(0)
  let seen = 0
  let done
  const allSeen = new Promise(resolve => { done = resolve })
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const offset = Number(message.offset)
      assert(offset === nextOffset[partition], `partition ${partition}: offset ${offset}, expected ${nextOffset[partition]}`)
      nextOffset[partition] = offset + 1
      const i = offset * partitions + partition
      assert(message.key.toString() === `key-${i}`, `partition ${partition} offset ${offset}: key ${message.key}`)
      assert(message.value.toString() === `value-${i}`, `partition ${partition} offset ${offset}: value ${message.value}`)
      assert(message.timestamp === String(1700000000000 + i), `partition ${partition} offset ${offset}: timestamp ${message.timestamp}`)
      assert(message.headers.seq.toString() === String(offset), `partition ${partition} offset ${offset}: header ${message.headers.seq}`)
      if (++seen === count) done()
    },
  })
  await withDeadline(allSeen, 60000, `consuming ${count} records`)

  // Offsets are committed after each batch; wait until the broker holds all of them before looking.
  const committedAll = async () => {
    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] })
    return offsets[0].partitions.every(p => Number(p.offset) === nextOffset[p.partition])
  }
  const commitDeadline = Date.now() + 20000
  while (!(await committedAll())) {
    assert(Date.now() < commitDeadline, 'committed offsets never reached the end of the topic')
    await new Promise(resolve => setTimeout(resolve, 100))
  }

  const { groups } = await admin.listGroups()
  const described = await admin.describeGroups([groupId])
  const group = described.groups[0]
  assert(groups.some(g => g.groupId === groupId && g.protocolType === 'consumer'), `listGroups: ${JSON.stringify(groups)}`)
  assert(group.state === 'Stable' && group.members.length === 1, `describeGroups: ${JSON.stringify(group)}`)
  await consumer.disconnect()

  const topicOffsets = await admin.fetchTopicOffsets(topic)
  assert(topicOffsets.every(p => Number(p.high) === nextOffset[p.partition] && Number(p.low) === 0), `fetchTopicOffsets: ${JSON.stringify(topicOffsets)}`)
  await admin.disconnect()
  return { seen, groupState: group.state, protocol: group.protocol, members: group.members.length }
}

async function adminScenario () {
  const admin = kafka.admin()
  await admin.connect()
  const created = await admin.createTopics({
    topics: [
      { topic: 'kafkajs-admin-a', numPartitions: 3, replicationFactor: 2, configEntries: [{ name: 'retention.ms', value: '3600000' }] },
      { topic: 'kafkajs-admin-b', numPartitions: 1 },
    ],
    waitForLeaders: true,
  })
  assert(created, 'createTopics reported the topics as existing')
  const again = await admin.createTopics({ topics: [{ topic: 'kafkajs-admin-b', numPartitions: 1 }] })
  assert(again === false, 'creating an existing topic should report false')
  problems.length = 0 // the refusal above is logged as an error by kafkajs; anything else is a finding
  const topics = (await admin.listTopics()).sort()
  const metadata = await admin.fetchTopicMetadata({ topics: ['kafkajs-admin-a'] })
  const partitions = metadata.topics[0].partitions
  assert(partitions.length === 3 && partitions.every(p => p.replicas.length === 2 && p.isr.length === 2 && p.leader > 0), `fetchTopicMetadata: ${JSON.stringify(partitions)}`)
  const cluster = await admin.describeCluster()
  assert(cluster.brokers.length >= 1 && cluster.controller > 0, `describeCluster: ${JSON.stringify(cluster)}`)

  // An empty group (committed offsets only) must be listed and described as Empty.
  const groupId = 'kafkajs-admin-group'
  await admin.setOffsets({ groupId, topic: 'kafkajs-admin-a', partitions: [{ partition: 0, offset: '0' }] })
  const { groups } = await admin.listGroups()
  const described = (await admin.describeGroups([groupId])).groups[0]
  assert(groups.some(g => g.groupId === groupId), `listGroups: ${JSON.stringify(groups)}`)
  assert(described.state === 'Empty' && described.members.length === 0, `describeGroups: ${JSON.stringify(described)}`)
  await admin.disconnect()
  return { topics, brokers: cluster.brokers.length, groups: groups.map(g => g.groupId).sort(), describedState: described.state }
}

// Transactions: commit (with offsets sent to the transaction), abort, and fencing by a second producer with the same
// transactional id; then a read_committed consumer must see the committed records only and a read_uncommitted one all.
async function transactionsScenario () {
  const topic = 'kafkajs-txn'
  const input = 'kafkajs-txn-in'
  const eosGroup = 'kafkajs-eos'
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }, { topic: input, numPartitions: 1 }], waitForLeaders: true })
  const messages = (prefix, n) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `${prefix}-${i}` }))
  const transactional = () => kafka.producer({ transactionalId: 'kafkajs-tx', idempotent: true, maxInFlightRequests: 1 })

  const first = transactional()
  await first.connect()
  const committed = await first.transaction()
  await committed.send({ topic, messages: messages('committed', 5) })
  await committed.sendOffsets({ consumerGroupId: eosGroup, topics: [{ topic: input, partitions: [{ partition: 0, offset: '3' }] }] })
  await committed.commit()
  const aborted = await first.transaction()
  await aborted.send({ topic, messages: messages('aborted', 5) })
  await aborted.abort()

  // A second producer with the same transactional id fences the first: its next transaction must fail. kafkajs
  // initialises the producer id when the first transaction begins, not on connect, so the successor's begins here.
  const second = transactional()
  await second.connect()
  const successor = await second.transaction()
  let fencedError = null
  try {
    const zombie = await first.transaction()
    await zombie.send({ topic, messages: messages('zombie', 1) })
    await zombie.commit()
  } catch (error) {
    fencedError = error.type ?? error.name
  }
  problems.length = 0 // kafkajs logs the fencing above as an error; anything after it is a finding
  await successor.send({ topic, messages: messages('successor', 2) })
  await successor.commit()
  await first.disconnect().catch(() => {})
  await second.disconnect()

  const readAll = async (groupId, readUncommitted, expected) => {
    const consumer = kafka.consumer({ groupId, readUncommitted, maxWaitTimeInMs: 200 })
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    const values = []
    let done
    const enough = new Promise(resolve => { done = resolve })
    await consumer.run({ eachMessage: async ({ message }) => { values.push(message.value.toString()); if (values.length === expected) done() } })
    await withDeadline(enough, 30000, `reading ${expected} records (readUncommitted ${readUncommitted})`)
    await consumer.disconnect()
    return values
  }
  // The successor's records come last in the log, so a read_committed reader that reached them has passed the aborts.
  const readCommitted = await readAll('kafkajs-txn-committed', false, 7)
  const readUncommitted = await readAll('kafkajs-txn-uncommitted', true, 10)
  assert(readCommitted.every(v => v.startsWith('committed-') || v.startsWith('successor-')), `read_committed saw ${JSON.stringify(readCommitted)}`)
  const offsets = await admin.fetchOffsets({ groupId: eosGroup, topics: [input] })
  await admin.disconnect()
  return {
    readCommitted,
    abortedSeenUncommitted: readUncommitted.filter(v => v.startsWith('aborted-')).length,
    fencedError,
    eosOffset: offsets[0].partitions[0].offset,
  }
}

const scenarios = { 'produce-consume': produceConsume, admin: adminScenario, transactions: transactionsScenario }

async function main () {
  const run = scenarios[scenario]
  if (!run) throw new Error(`unknown scenario ${scenario}`)
  const result = await withDeadline(run(), 120000, scenario)
  console.log(JSON.stringify({ ...result, apiVersions: [...apiVersionsSent].sort(), warnings: problems }))
}

main().then(
  () => process.exit(0),
  error => {
    console.error(`${scenario} failed: ${error.stack ?? error}`)
    for (const p of problems.slice(-20)) console.error(`  ${p}`)
    console.error(`  api versions sent: ${[...apiVersionsSent].sort().join(', ')}`)
    process.exit(1)
  })
