package lab.etl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import lab.etl.cdc.ChangeEnvelope;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Builds Kafka records as Debezium writes them, so tests read like the change history they
 * describe: {@code records.insert("orders", 100, "{\"order_id\":1,...}")}.
 */
public final class ChangeRecords {

  private final List<Row> rows = new ArrayList<>();

  /** A snapshot read ("r") of a row. */
  public ChangeRecords read(String table, long lsn, String key, String after) {
    return add(table, key, envelope("r", lsn, null, after));
  }

  /** An insert ("c"). */
  public ChangeRecords insert(String table, long lsn, String key, String after) {
    return add(table, key, envelope("c", lsn, null, after));
  }

  /** An update ("u"). */
  public ChangeRecords update(String table, long lsn, String key, String after) {
    return add(table, key, envelope("u", lsn, null, after));
  }

  /** A delete ("d"): only the key is in the before image, as with REPLICA IDENTITY DEFAULT. */
  public ChangeRecords delete(String table, long lsn, String key) {
    return add(table, key, envelope("d", lsn, key, null));
  }

  /** The tombstone Debezium writes after a delete. */
  public ChangeRecords tombstone(String table, String key) {
    return add(table, key, null);
  }

  /** Any value at all, e.g. a malformed one. */
  public ChangeRecords raw(String table, String key, String value) {
    return add(table, key, value);
  }

  /** Appends the last record again, as a CDC restart re-sends it. */
  public ChangeRecords redeliverLast() {
    Row last = rows.get(rows.size() - 1);
    rows.add(RowFactory.create(last.get(0), 0, (long) rows.size(), last.get(3), last.get(4)));
    return this;
  }

  /** The records as the Kafka source would return them. */
  public Dataset<Row> toDataset() {
    return SparkTestSession.get().createDataFrame(rows, ChangeStreamTransform.KAFKA_RECORD);
  }

  private ChangeRecords add(String table, String key, String value) {
    rows.add(
        RowFactory.create(
            "shop.public." + table,
            0,
            (long) rows.size(),
            key.getBytes(StandardCharsets.UTF_8),
            value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
    return this;
  }

  private static String envelope(String op, long lsn, String before, String after) {
    return new ChangeEnvelope(
            op, "t", before, after, lsn, 700 + lsn, 1767258000000L, 1767258000123L)
        .json();
  }
}
