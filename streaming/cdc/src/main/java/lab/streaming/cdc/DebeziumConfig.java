package lab.streaming.cdc;

import java.util.Properties;
import java.util.stream.Collectors;

/** Builds the Debezium embedded engine's configuration for capturing the shop from PostgreSQL. */
public final class DebeziumConfig {

  /**
   * The engine's name. Debezium keys its stored offsets by it, so it must stay the same across
   * restarts or the next run takes a fresh snapshot.
   */
  public static final String ENGINE_NAME = "lab-cdc";

  /**
   * How often a failing connection is retried before the engine gives up and the program exits
   * non-zero. Debezium's default (-1) retries forever, which would hide a dead database from the
   * lab; 10 tries about 10 s apart ride out a PostgreSQL restart (measured: exit after 112 s).
   */
  static final int MAX_RETRIES = 10;

  /** How long Debezium waits for a batch to fill before it hands over what it has. */
  static final long POLL_INTERVAL_MS = 100;

  private DebeziumConfig() {}

  /** The engine and connector properties for these settings. */
  public static Properties engineProperties(CdcSettings settings) {
    Properties p = new Properties();

    // engine: which connector, and offsets kept in a file that survives restarts
    p.setProperty("name", ENGINE_NAME);
    p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
    p.setProperty("offset.storage.file.filename", settings.offsetsFile().toString());
    p.setProperty("offset.flush.interval.ms", Long.toString(settings.offsetFlushMs()));
    p.setProperty("errors.max.retries", Integer.toString(MAX_RETRIES));

    // source: the shop database through the built-in pgoutput plugin
    p.setProperty("database.hostname", settings.pgHost());
    p.setProperty("database.port", Integer.toString(settings.pgPort()));
    p.setProperty("database.dbname", settings.pgDatabase());
    p.setProperty("database.user", settings.pgUser());
    p.setProperty("database.password", settings.pgPassword());
    p.setProperty("plugin.name", "pgoutput"); // Debezium's default is still decoderbufs
    p.setProperty("slot.name", settings.slot());
    p.setProperty("publication.name", settings.publication());
    p.setProperty("publication.autocreate.mode", "filtered");
    p.setProperty("table.include.list", includeList(settings));
    // A snapshot when there is no saved position, and also when the saved one cannot be resumed
    // because its replication slot is gone (./lab down drops it so that it cannot pin WAL);
    // Preflight says so in the log when that happens.
    p.setProperty("snapshot.mode", "when_needed");

    // events: prefix.schema.table topics, exact money, tombstones after deletes
    p.setProperty("topic.prefix", settings.topicPrefix());
    p.setProperty("decimal.handling.mode", "string");
    p.setProperty("tombstones.on.delete", "true");

    // latency: Debezium hands over a batch when it holds max.batch.size (2,048) events or when
    // poll.interval.ms has passed. At the lab's rates the batch never fills, so the interval is a
    // wait. Measured at 200 tx/s (about 1,100 changes/s), commit -> Kafka (each record's
    // timestamp against its source.ts_ms) and the capture's CPU over 70 s:
    //   500 ms (Debezium's default): p50 467 ms, p99 970 ms,  9 % of a core
    //   100 ms:                      p50 105 ms, p99 223 ms, 13 % of a core
    //    50 ms:                      p50  53 ms, p99 116 ms, 18 % of a core
    // 100 ms takes most of the latency for little CPU; the machine is shared with the ETL.
    p.setProperty("poll.interval.ms", Long.toString(POLL_INTERVAL_MS));

    // plain JSON: the envelope and the key without Kafka Connect's schema wrapper
    p.setProperty("key.converter.schemas.enable", "false");
    p.setProperty("value.converter.schemas.enable", "false");
    return p;
  }

  /**
   * table.include.list holds regular expressions matched against schema.table; the dot is escaped
   * so public.orders cannot also match a table called public_orders.
   */
  private static String includeList(CdcSettings settings) {
    return settings.tables().stream()
        .map(t -> t.replace(".", "\\."))
        .collect(Collectors.joining(","));
  }
}
