package lab.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A first taste of OLTP vs OLAP on the same data: a point lookup (what an application does all day)
 * and a scan-and-aggregate (what an analyst asks), each timed on both engines. At the demo's size
 * the gap is small; it is the shape of the work, not the size, that the lesson starts from.
 */
public final class Contrast {

  /** Timings of one kind of query on both engines. */
  public record Timing(String query, Duration postgres, Duration duckdb) {}

  private static final int LOOKUPS = 2_000;
  private static final int AGGREGATE_RUNS = 5;

  static final String PG_LOOKUP =
      "SELECT order_id, customer_id, status, ordered_at FROM orders WHERE order_id = ?";
  static final String DUCK_LOOKUP =
      "SELECT order_id, customer_key, order_status, placed_date_key FROM fact_order_fulfillment"
          + " WHERE order_id = ?";

  static final String PG_REVENUE =
      """
      SELECT date_trunc('month', o.ordered_at AT TIME ZONE 'UTC') AS month, c.country,
             sum(i.quantity * i.unit_price) AS revenue
      FROM order_items i
      JOIN orders o ON o.order_id = i.order_id
      JOIN customers c ON c.customer_id = o.customer_id
      GROUP BY 1, 2 ORDER BY 1, 2
      """;
  static final String DUCK_REVENUE =
      """
      SELECT d.year, d.month, g.country_code, sum(f.gross_amount) AS revenue
      FROM fact_sales f
      JOIN dim_date d ON d.date_key = f.date_key
      JOIN dim_geography g ON g.geography_key = f.geography_key
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      """;

  private Contrast() {}

  /** Average latency of one point lookup by primary key / order id, random existing orders. */
  public static Timing pointLookup(Connection postgres, Connection duckdb, long maxOrderId)
      throws SQLException {
    return new Timing(
        "point lookup: one order by id (avg of " + LOOKUPS + ")",
        lookups(postgres, PG_LOOKUP, maxOrderId),
        lookups(duckdb, DUCK_LOOKUP, maxOrderId));
  }

  /** Median of a few runs of revenue by month and country over all orders. */
  public static Timing revenueByMonthAndCountry(Connection postgres, Connection duckdb)
      throws SQLException {
    return new Timing(
        "aggregate: revenue by month x country (median of " + AGGREGATE_RUNS + ")",
        median(postgres, PG_REVENUE),
        median(duckdb, DUCK_REVENUE));
  }

  private static Duration lookups(Connection c, String sql, long maxOrderId) throws SQLException {
    SplittableRandom random = new SplittableRandom(1);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int warm = 0; warm < 100; warm++) {
        run(ps, 1 + random.nextLong(maxOrderId));
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < LOOKUPS; i++) {
        run(ps, 1 + random.nextLong(maxOrderId));
      }
      return Duration.ofNanos((System.nanoTime() - t0) / LOOKUPS);
    }
  }

  private static void run(PreparedStatement ps, long id) throws SQLException {
    ps.setLong(1, id);
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rs.getLong(1);
      }
    }
  }

  private static Duration median(Connection c, String sql) throws SQLException {
    long[] nanos = new long[AGGREGATE_RUNS];
    try (Statement s = c.createStatement()) {
      drain(s, sql);
      for (int i = 0; i < AGGREGATE_RUNS; i++) {
        long t0 = System.nanoTime();
        drain(s, sql);
        nanos[i] = System.nanoTime() - t0;
      }
    }
    Arrays.sort(nanos);
    return Duration.ofNanos(nanos[AGGREGATE_RUNS / 2]);
  }

  private static void drain(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }
}
