// Reads one of MM2's internal topics with kafkajs and decodes every record field by field, independently of the
// C# encoders under test: Kafka Struct encoding, big-endian integers, STRING = INT16 length + UTF-8.
// Usage: node read-mm2.js <bootstrap> <topic> <offset-syncs|checkpoints|heartbeats>
// Prints one JSON array of decoded records (INT64 fields as decimal strings) on the last line of stdout.
'use strict';
const { Kafka, logLevel } = require('kafkajs');

const [bootstrap, topic, kind] = process.argv.slice(2);

class Reader {
  constructor(buffer) { this.buffer = buffer; this.at = 0; }
  int16() { const v = this.buffer.readInt16BE(this.at); this.at += 2; return v; }
  int32() { const v = this.buffer.readInt32BE(this.at); this.at += 4; return v; }
  int64() { const v = this.buffer.readBigInt64BE(this.at); this.at += 8; return v.toString(); }
  string() {
    const length = this.int16();
    if (length < 0) return null;
    const v = this.buffer.toString('utf8', this.at, this.at + length);
    this.at += length;
    return v;
  }
}

function decode(key, value) {
  const k = new Reader(key);
  const v = new Reader(value);
  switch (kind) {
    case 'offset-syncs':
      return { topic: k.string(), partition: k.int32(), upstreamOffset: v.int64(), offset: v.int64() };
    case 'checkpoints':
      return { group: k.string(), topic: k.string(), partition: k.int32(), version: v.int16(), upstreamOffset: v.int64(), offset: v.int64(), metadata: v.string() };
    case 'heartbeats':
      return { sourceClusterAlias: k.string(), targetClusterAlias: k.string(), version: v.int16(), timestamp: v.int64() };
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}

async function main() {
  const kafka = new Kafka({ clientId: 'mm2-reader', brokers: bootstrap.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  const end = BigInt(offsets.find(o => o.partition === 0).high);
  await admin.disconnect();
  const records = [];
  if (end > 0n) {
    const consumer = kafka.consumer({ groupId: `mm2-reader-${process.pid}-${Date.now()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise((resolve, reject) => {
      consumer.run({
        eachMessage: async ({ partition, message }) => {
          if (partition !== 0) return;
          records.push(decode(message.key, message.value));
          if (BigInt(message.offset) + 1n >= end) resolve();
        },
      }).catch(reject);
    });
    await consumer.disconnect();
  }
  console.log(JSON.stringify(records));
}

const deadline = setTimeout(() => { console.error('timed out'); process.exit(2); }, 60000);
main().then(() => { clearTimeout(deadline); process.exit(0); }, e => { console.error(e.stack || String(e)); process.exit(1); });
