package lab.warehouse.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the sink books with each batch, in the batch's transaction: the ledger row that makes a
 * replayed batch a no-op, the highest Kafka offsets applied, the freshness of its changes, and its
 * dead letters.
 */
final class Ledger {

  private static final Logger log = LoggerFactory.getLogger(Ledger.class);

  private Ledger() {}

  static boolean has(Connection connection, StarBatch batch) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT 1 FROM etl_batch_ledger WHERE pipeline_id = ? AND batch_id = ?")) {
      ps.setString(1, batch.pipelineId());
      ps.setLong(2, batch.batchId());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  static void record(Connection connection, StarBatch batch, long duplicates, long stale)
      throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO etl_batch_ledger VALUES (?, ?, now(), ?, ?, ?, ?)")) {
      ps.setString(1, batch.pipelineId());
      ps.setLong(2, batch.batchId());
      ps.setLong(3, batch.events());
      ps.setLong(4, duplicates);
      ps.setLong(5, stale);
      ps.setLong(6, batch.deadLetters().size());
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        connection.prepareStatement(
            """
            INSERT INTO etl_source_offset VALUES (?, ?, ?)
            ON CONFLICT (topic, kafka_partition) DO UPDATE
              SET last_offset = greatest(etl_source_offset.last_offset, excluded.last_offset)
            """)) {
      for (SourceOffset o : batch.offsets()) {
        ps.setString(1, o.topic());
        ps.setInt(2, o.partition());
        ps.setLong(3, o.offset());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Each change's lag from its commit in the shop to now, the end of the batch's work (only the
   * commit is left), bucketed. Rows a repair re-read from the shop (source position 0) are no
   * stream events and are left out.
   */
  static void freshness(Connection connection, StarBatch batch) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            """
            INSERT INTO etl_freshness
            SELECT ?, ?, to_timestamp(? / 1000.0), bucket, count(*)
            FROM (SELECT CASE WHEN lag < 10000 THEN lag // 10 * 10 ELSE lag // 1000 * 1000 END
                           AS bucket
                  FROM (SELECT greatest(? - source_ts_ms, 0) AS lag FROM stage_change
                        WHERE lsn > 0 AND source_ts_ms > 0))
            GROUP BY bucket
            """)) {
      long now = System.currentTimeMillis();
      ps.setString(1, batch.pipelineId());
      ps.setLong(2, batch.batchId());
      ps.setLong(3, now);
      ps.setLong(4, now);
      ps.executeUpdate();
    }
  }

  static void deadLetters(Connection connection, List<DeadLetter> deadLetters) throws SQLException {
    if (deadLetters.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        connection.prepareStatement(
            "INSERT INTO dead_letter VALUES (?, ?, ?, ?, ?, now()) ON CONFLICT DO NOTHING")) {
      for (DeadLetter d : deadLetters) {
        ps.setString(1, d.topic());
        ps.setInt(2, d.partition());
        ps.setLong(3, d.offset());
        ps.setString(4, d.reason());
        ps.setString(5, d.rawValue());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    log.warn("{} record(s) sent to dead_letter", deadLetters.size());
  }

  /** The next batch id of a pipeline, for writers that are not driven by a Spark checkpoint. */
  static long nextBatchId(Connection connection, String pipelineId) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT coalesce(max(batch_id) + 1, 0) FROM etl_batch_ledger WHERE pipeline_id = ?")) {
      ps.setString(1, pipelineId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
