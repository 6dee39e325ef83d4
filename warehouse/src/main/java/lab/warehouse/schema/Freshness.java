package lab.warehouse.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * How fresh the warehouse has been lately: the lag from a change's commit in the shop to the commit
 * of the batch that applied it, as percentiles over the changes of a recent window. Read from
 * {@code etl_freshness}, which the sink fills with one bucketed histogram per batch; a percentile
 * is the upper bound of the bucket it falls in (10 ms wide below 10 s, 1 s above), so it is never
 * better than the truth.
 */
public record Freshness(
    long changes,
    long changesAfterFirstBatch,
    Duration span,
    long p50Ms,
    long p95Ms,
    long p99Ms,
    long maxMs) {

  /**
   * Changes per second from the window's first batch to its last (the first batch's own changes
   * arrived before that span); 0 with a single batch.
   */
  public double changesPerSecond() {
    return span.isZero() ? 0 : changesAfterFirstBatch * 1000.0 / span.toMillis();
  }

  /** The percentiles as a terminal shows them: {@code p50 1.20 s, p95 ..., p99 ..., max ...}. */
  public String percentiles() {
    return String.format(
        Locale.US,
        "p50 %.2f s, p95 %.2f s, p99 %.2f s, max %.2f s",
        p50Ms / 1e3,
        p95Ms / 1e3,
        p99Ms / 1e3,
        maxMs / 1e3);
  }

  /** The changes applied in the last {@code window} before the newest batch; empty if none. */
  public static Optional<Freshness> lately(Connection c, Duration window) throws SQLException {
    return percentiles(
        c,
        "applied_at > (SELECT max(applied_at) FROM etl_freshness) - to_milliseconds(?)",
        window.toMillis());
  }

  /**
   * The changes committed in the shop from {@code from} (inclusive) to {@code to} (exclusive) that
   * the warehouse has applied so far, whenever it applied them: what a benchmark's measuring window
   * wrote. A change's commit time is its batch's {@code applied_at} less its lag bucket's lower
   * bound, so it is known to the bucket's width (10 ms below 10 s). Empty if none.
   */
  public static Optional<Freshness> committedBetween(Connection c, Instant from, Instant to)
      throws SQLException {
    return percentiles(
        c,
        "epoch_ms(applied_at) - lag_ms >= ? AND epoch_ms(applied_at) - lag_ms < ?",
        from.toEpochMilli(),
        to.toEpochMilli());
  }

  /**
   * The latest shop commit time among the changes the warehouse has applied (to the lag bucket's
   * width): once it reaches the time a writer stopped, the warehouse holds what it wrote.
   */
  public static Optional<Instant> latestCommitApplied(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT max(epoch_ms(applied_at) - lag_ms) FROM etl_freshness");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      long ms = rs.getLong(1);
      return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
    }
  }

  /** Percentiles over the buckets {@code where} picks from etl_freshness, given its parameters. */
  private static Optional<Freshness> percentiles(Connection c, String where, long... parameters)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            WITH recent AS (
                SELECT * FROM etl_freshness WHERE %s
            ), buckets AS (
                SELECT lag_ms + CASE WHEN lag_ms < 10000 THEN 10 ELSE 1000 END AS upper_ms,
                       sum(changes) AS n
                FROM recent GROUP BY lag_ms
            ), cum AS (
                SELECT upper_ms, sum(n) OVER (ORDER BY upper_ms) AS below, sum(n) OVER () AS total
                FROM buckets
            )
            SELECT max(total),
                   min(upper_ms) FILTER (WHERE below >= 0.50 * total),
                   min(upper_ms) FILTER (WHERE below >= 0.95 * total),
                   min(upper_ms) FILTER (WHERE below >= 0.99 * total),
                   max(upper_ms),
                   (SELECT epoch_ms(max(applied_at)) - epoch_ms(min(applied_at)) FROM recent),
                   (SELECT coalesce(sum(changes), 0) FROM recent
                    WHERE applied_at > (SELECT min(applied_at) FROM recent))
            FROM cum
            """
                .formatted(where))) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setLong(i + 1, parameters[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long changes = rs.getLong(1);
        if (changes == 0) {
          return Optional.empty();
        }
        return Optional.of(
            new Freshness(
                changes,
                rs.getLong(7),
                Duration.ofMillis(rs.getLong(6)),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5)));
      }
    }
  }
}
