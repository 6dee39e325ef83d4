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

  private static void requireObject(String name, String json) {
    if (json != null && !json.strip().startsWith("{")) {
      throw new IllegalArgumentException(name + " must be a JSON object or null, got " + json);
    }
  }
}
