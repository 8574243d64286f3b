'use strict'

// Drives kafkajs against a secured broker: `node security.js <bootstrap servers> <mechanism|none> <user> <ca file|->`
// (OAUTHBEARER sends an unsecured JWT whose subject is the user),
// with the password in the KAFKAJS_PASSWORD environment variable (never on the command line). Creates a topic,
// produces and reads back 200 records, and prints one JSON line: {seen, apiVersions} on success, or {error, message}
// when connecting failed (an authentication or TLS failure the C# test expects). Exits 1 on anything else.

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'
const fs = require('fs')
const { Kafka, logLevel } = require('kafkajs')

const [bootstrap, mechanism, user, caFile] = process.argv.slice(2)
if (!bootstrap || !mechanism || !user || !caFile) {
  console.error('usage: KAFKAJS_PASSWORD=... node security.js <bootstrap servers> <mechanism|none> <user> <ca file|->')
  process.exit(2)
}

const apiVersionsSent = new Set()
const logCreator = () => ({ log }) => {
  const match = /^Request (\w+)\(key: \d+, version: (\d+)\)/.exec(log.message)
  if (match) apiVersionsSent.add(`${match[1]} v${match[2]}`)
}

const kafka = new Kafka({
  clientId: 'harness-kafkajs-security',
  brokers: bootstrap.split(','),
  logLevel: logLevel.DEBUG,
  logCreator,
  connectionTimeout: 5000,
  retry: { retries: 2, initialRetryTime: 100 },
  ssl: caFile === '-' ? undefined : { ca: [fs.readFileSync(caFile, 'utf8')] },
  sasl: mechanism === 'none' ? undefined
    : mechanism === 'OAUTHBEARER' ? { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: unsecuredJwt(user) }) }
      : { mechanism: mechanism.toLowerCase(), username: user, password: process.env.KAFKAJS_PASSWORD },
})

// An unsecured JWT (alg none, empty signature) as Kafka's development validator accepts it: the user is the subject.
function unsecuredJwt (subject) {
  const encode = value => Buffer.from(JSON.stringify(value)).toString('base64url')
  const now = Math.floor(Date.now() / 1000)
  return `${encode({ alg: 'none' })}.${encode({ sub: subject, iat: now, exp: now + 3600 })}.`
}

async function main () {
  const topic = 'kafkajs-secured'
  const count = 200
  const admin = kafka.admin()
  try {
    await admin.connect()
  } catch (error) {
    return { error: error.name, type: error.type ?? null, message: error.message }
  }

  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true })
  await admin.disconnect()
  const producer = kafka.producer()
  await producer.connect()
  const messages = []
  for (let i = 0; i < count; i++) messages.push({ key: `k${i}`, value: `v${i}` })
  await producer.send({ topic, messages })
  await producer.disconnect()

  const consumer = kafka.consumer({ groupId: 'kafkajs-secured-readers' })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  const seen = new Set()
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`read ${seen.size} of ${count} records within 60 s`)), 60000)
    consumer.run({
      eachMessage: async ({ message }) => {
        seen.add(message.value.toString())
        if (seen.size === count) {
          clearTimeout(timer)
          resolve()
        }
      },
    }).catch(reject)
  })
  await consumer.disconnect()
  return { seen: seen.size }
}

main().then(
  result => {
    console.log(JSON.stringify({ ...result, apiVersions: [...apiVersionsSent].sort() }))
    process.exit(0)
  },
  error => {
    console.error(error.stack || String(error))
    process.exit(1)
  })
