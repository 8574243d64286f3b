namespace Harness.RdKafka;

/// <summary>
/// Receives one librdkafka log line: the client's name (<c>rd_kafka_name</c>), its syslog level (0 emergency to
/// 7 debug), the facility and the text. Called on librdkafka's own threads, so it must be thread-safe and quick.
/// </summary>
public delegate void ClientLogHandler(string client, int level, string facility, string message);
