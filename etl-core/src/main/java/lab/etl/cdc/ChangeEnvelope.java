package lab.etl.cdc;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A change event as Debezium writes it to Kafka, with the fields {@link ChangeEvents} reads: the
 * one writer of such an envelope, for the ETL's re-reads of the shop (source position 0) and for
 * tests that play the capture.
 *
 * @param op {@code c} insert, {@code u} update, {@code d} delete, {@code r} snapshot read
 * @param before the row before the change as a JSON object (a delete's key), or null
 * @param after the row after it as a JSON object, or null for a delete
 * @param lsn the change's source position in the WAL (0: not from the stream)
 * @param sourceTsMs when the change committed in the shop
 * @param tsMs when the capture handled it
 */
public record ChangeEnvelope(
    String op,
    String table,
    String before,
    String after,
    long lsn,
    long txId,
    long sourceTsMs,
    long tsMs) {

  /**
   * The Debezium release the lab's capture runs, as its events name it in {@code source.version}.
   */
  public static final String DEBEZIUM_VERSION = "3.6.1.Final";

  private static final Set<String> OPS = Set.of("c", "u", "d", "r");
  private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*");

  public ChangeEnvelope {
    if (!OPS.contains(op)) {
      throw new IllegalArgumentException("op must be one of c, u, d, r, got " + op);
    }
    if (table == null || !TABLE.matcher(table).matches()) {
      throw new IllegalArgumentException("table must be an unquoted identifier, got " + table);
    }
    requireObject("before", before);
    requireObject("after", after);
  }

  /** The event as Kafka's record value. */
  public String json() {
    return "{\"before\":"
        + before
        + ",\"after\":"
        + after
        + ",\"source\":{\"lsn\":"
        + lsn
        + ",\"txId\":"
        + txId
        + ",\"ts_ms\":"
        + sourceTsMs
        + ",\"table\":\""
        + table
        + "\"},\"op\":\""
        + op
        + "\",\"ts_ms\":"
        + tsMs
        + "}";
  }

  /**
   * The event field for field as the lab's capture writes it (Debezium's PostgreSQL connector with
   * schemas off), where {@link #json()} writes only what the ETL reads: for the course's change
   * log, which students read as they would read the real topics. CourseChangeLogIT holds the two
   * equal but for the fields that differ from run to run (times, positions, transaction ids).
   *
   * @param server the capture's logical name (its topics' prefix), e.g. {@code shop}
   * @param database the database captured, e.g. {@code shop}
   * @param snapshot {@code source.snapshot}: a snapshot read's place in the snapshot ({@code
   *     first}, {@code first_in_data_collection}, {@code true}, {@code last_in_data_collection},
   *     {@code last}), {@code false} for a change streamed from the WAL
   * @param lastCommitLsn the position of the last commit before this change's transaction (the
   *     first half of {@code source.sequence}), or null in a snapshot
   */
  public String debeziumJson(String server, String database, String snapshot, Long lastCommitLsn) {
    return "{\"before\":"
        + before
        + ",\"after\":"
        + after
        + ",\"source\":{\"version\":\""
        + DEBEZIUM_VERSION
        + "\",\"connector\":\"postgresql\",\"name\":\""
        + identifier("server", server)
        + "\",\"ts_ms\":"
        + sourceTsMs
        + ",\"snapshot\":\""
        + identifier("snapshot", snapshot)
        + "\",\"db\":\""
        + identifier("database", database)
        + "\",\"sequence\":\"["
        + (lastCommitLsn == null ? "null" : "\\\"" + lastCommitLsn + "\\\"")
        + ",\\\""
        + lsn
        + "\\\"]\",\"ts_us\":"
        + sourceTsMs * 1_000
        + ",\"ts_ns\":"
        + sourceTsMs * 1_000_000
        + ",\"schema\":\"public\",\"table\":\""
        + table
        + "\",\"txId\":"
        + txId
        + ",\"lsn\":"
        + lsn
        + ",\"xmin\":null,\"origin\":null,\"origin_lsn\":null},\"transaction\":null,\"op\":\""
        + op
        + "\",\"ts_ms\":"
        + tsMs
        + ",\"ts_us\":"
        + tsMs * 1_000
        + ",\"ts_ns\":"
        + tsMs * 1_000_000
        + "}";
  }

  private static String identifier(String name, String value) {
    if (value == null || !TABLE.matcher(value).matches()) {
      throw new IllegalArgumentException(name + " must be an unquoted identifier, got " + value);
    }
    return value;
  }

  private static void requireObject(String name, String json) {
    if (json != null && !json.strip().startsWith("{")) {
      throw new IllegalArgumentException(name + " must be a JSON object or null, got " + json);
    }
  }
}
