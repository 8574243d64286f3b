'use strict'

// Drives the kafkajs admin client through every admin API the embedded broker serves:
// `node kafkajs-admin.js <bootstrap servers> <folder holding node_modules/kafkajs>`.
// Prints one JSON line with what it saw and exits 0; on failure prints the reason to stderr and exits 1.

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'
const path = require('path')
const [bootstrap, modules] = process.argv.slice(2)
const { Kafka, ConfigResourceTypes, logLevel } = require(path.join(modules, 'kafkajs'))

const versions = new Set()
const warnings = []
let step = 'connect'
const logCreator = () => ({ level, log }) => {
  const match = /^Request (\w+)\(key: \d+, version: (\d+)\)/.exec(log.message)
  if (match) {
    versions.add(`${match[1]} v${match[2]}`)
  } else if (level <= logLevel.WARN) {
    warnings.push(`${step}: ${log.logger ?? 'kafkajs'}: ${log.message} ${log.error ?? ''} ${log.broker ?? ''}`.trim())
  }
}

const kafka = new Kafka({ clientId: 'harness-admin', brokers: bootstrap.split(','), logLevel: logLevel.DEBUG, logCreator, retry: { retries: 3, initialRetryTime: 100 } })

async function main () {
  const admin = kafka.admin()
  await admin.connect()
  const result = {}
  step = 'create'
  result.created = await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic: 'kjs-admin', numPartitions: 2, replicationFactor: 2, configEntries: [{ name: 'retention.ms', value: '600000' }] }],
  })
  result.createdAgain = await admin.createTopics({ topics: [{ topic: 'kjs-admin', numPartitions: 2 }] })
  try {
    await admin.createTopics({ topics: [{ topic: 'kjs-bad', numPartitions: 1, configEntries: [{ name: 'no.such.config', value: '1' }] }] })
    result.badConfigError = 'none'
  } catch (e) {
    result.badConfigError = e.type ?? e.errors?.[0]?.type ?? e.message
  }

  // kafkajs logs the refused creation above as an error; only problems after it count.
  warnings.length = 0

  step = 'createPartitions'
  await admin.createPartitions({ topicPartitions: [{ topic: 'kjs-admin', count: 3 }] })
  const metadata = await admin.fetchTopicMetadata({ topics: ['kjs-admin'] })
  result.partitions = metadata.topics[0].partitions.length

  step = 'produce'
  const producer = kafka.producer()
  await producer.connect()
  await producer.send({ topic: 'kjs-admin', messages: Array.from({ length: 10 }, (_, i) => ({ partition: 2, value: `v${i}` })) })
  step = 'producer-disconnect'
  await producer.disconnect()
  step = 'deleteRecords'
  await admin.deleteTopicRecords({ topic: 'kjs-admin', partitions: [{ partition: 2, offset: '4' }] })
  result.offsets = (await admin.fetchTopicOffsets('kjs-admin')).find(o => o.partition === 2)

  step = 'alterConfigs'
  await admin.alterConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: 'kjs-admin', configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }] })
  const described = await admin.describeConfigs({
    includeSynonyms: true,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: 'kjs-admin', configNames: ['cleanup.policy', 'retention.ms'] }],
  })
  result.configs = Object.fromEntries(described.resources[0].configEntries.map(e => [e.configName, { value: e.configValue, isDefault: e.isDefault, source: e.configSource }]))

  step = 'deleteTopics'
  await admin.deleteTopics({ topics: ['kjs-admin'] })
  result.topicsAfterDelete = await admin.listTopics()
  step = 'disconnect'
  await admin.disconnect()
  result.versions = [...versions].sort()
  result.warnings = warnings
  console.log(JSON.stringify(result))
}

main().catch(e => {
  console.error(e.stack ?? String(e))
  process.exit(1)
})
