package lab.streaming.spark;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import lab.etl.ChangeStreamTransform;
import lab.etl.cdc.ChangeEnvelope;
import lab.warehouse.sink.Gap;
import lab.warehouse.sink.StarSink;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs gaps in the change stream: for an order the warehouse found paid without a payment (or
 * shipped without a shipment) for longer than a grace period, re-reads the order's rows from the
 * shop over JDBC, as a read-only role, and applies them through the same transform and sink as the
 * stream. The rows carry source position 0, so the real change, should it still arrive, replaces
 * them. Orders the shop cannot explain either are closed with that outcome and logged.
 */
final class GapRepair {

  private static final Logger log = LoggerFactory.getLogger(GapRepair.class);

  private static final int MAX_ORDERS = 500;

  /** Where to read the shop, and after how long a gap counts as missing rather than late. */
  record Source(String jdbcUrl, String user, String password, Duration grace) {}

  private final SparkSession spark;
  private final StarSink sink;
  private final Source source;
  private final BatchWriter writer;
  private final String pipelineId;

  GapRepair(SparkSession spark, StarSink sink, Source source, String pipelineId) {
    this.spark = spark;
    this.sink = sink;
    this.source = source;
    this.pipelineId = pipelineId + "/repair";
    this.writer = new BatchWriter(this.pipelineId, sink, new FxDrop(spark, null), null);
  }

  /** Repairs what the grace period has turned into gaps; returns how many orders it re-read. */
  int repairDue() throws SQLException {
    List<Gap> gaps = sink.openGaps(source.grace().toSeconds(), MAX_ORDERS);
    if (gaps.isEmpty()) {
      return 0;
    }
    Set<Long> orders = new LinkedHashSet<>();
    gaps.forEach(g -> orders.add(g.orderId()));
    List<Row> records = new ArrayList<>();
    Set<Long> paid;
    Set<Long> shipped;
    try (Connection shop =
        DriverManager.getConnection(source.jdbcUrl(), source.user(), source.password())) {
      shop.setReadOnly(true);
      Array ids = shop.createArrayOf("bigint", orders.toArray());
      paid = read(shop, "payments", ids, records);
      shipped = read(shop, "shipments", ids, records);
    }
    List<Gap> unexplained =
        gaps.stream()
            .filter(
                g ->
                    !(g.kind().equals(Gap.PAID_WITHOUT_PAYMENT) ? paid : shipped)
                        .contains(g.orderId()))
            .toList();
    if (!records.isEmpty()) {
      writer.write(
          spark.createDataFrame(records, ChangeStreamTransform.KAFKA_RECORD),
          sink.nextBatchId(pipelineId));
    }
    if (!unexplained.isEmpty()) {
      sink.closeGaps(unexplained, "not in the shop either");
    }
    log.warn(
        "repaired {} order(s) with a gap in the change stream from the shop ({} rows re-read);"
            + " {} the shop cannot explain either: {}",
        gaps.size() - unexplained.size(),
        records.size(),
        unexplained.size(),
        unexplained.stream().limit(5).toList());
    return orders.size();
  }

  /**
   * The table's rows of the orders, as snapshot-read change events at source position 0; returns
   * the orders that have any.
   */
  private static Set<Long> read(Connection shop, String table, Array orderIds, List<Row> out)
      throws SQLException {
    Set<Long> found = new LinkedHashSet<>();
    // row_to_json writes NUMERIC as a JSON number and timestamptz as ISO-8601 text, which the
    // transform's schema reads as Debezium's encodings (decimal text, ISO timestamp).
    try (PreparedStatement ps =
        shop.prepareStatement(
            "SELECT order_id, row_to_json(t)::text FROM "
                + table
                + " t WHERE order_id = ANY(?) ORDER BY order_id")) {
      ps.setArray(1, orderIds);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getLong(1));
          long now = System.currentTimeMillis();
          String envelope =
              new ChangeEnvelope("r", table, null, rs.getString(2), 0, 0, now, now).json();
          out.add(
              RowFactory.create(
                  "shop.public." + table,
                  -1,
                  (long) out.size(),
                  ("{\"order_id\":" + rs.getLong(1) + "}").getBytes(StandardCharsets.UTF_8),
                  envelope.getBytes(StandardCharsets.UTF_8)));
        }
      }
    }
    return found;
  }
}
