package lab.warehouse.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The gaps in the change stream ({@code etl_repair_log}) that the star's steps detect and close, as
 * the Spark driver's repair reads and closes them. The sink holds the transaction.
 */
final class GapLog {

  private GapLog() {}

  /** Gaps nobody has closed yet that were detected at least {@code ageSeconds} ago. */
  static List<Gap> open(Connection connection, long ageSeconds, int limit) throws SQLException {
    List<Gap> out = new ArrayList<>();
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT order_id, gap FROM etl_repair_log WHERE outcome IS NULL"
                + " AND detected_at <= now() - to_seconds(?) ORDER BY detected_at, order_id"
                + " LIMIT ?")) {
      ps.setLong(1, ageSeconds);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Gap(rs.getLong(1), rs.getString(2)));
        }
      }
    }
    return out;
  }

  /** Closes gaps with an outcome, e.g. that the shop does not have the row either. */
  static void close(Connection connection, List<Gap> gaps, String outcome) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "UPDATE etl_repair_log SET outcome = ?, repaired_at = now()"
                + " WHERE order_id = ? AND gap = ? AND outcome IS NULL")) {
      for (Gap g : gaps) {
        ps.setString(1, outcome);
        ps.setLong(2, g.orderId());
        ps.setString(3, g.kind());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
