package lab.warehouse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Freshness percentiles from the sink's per-batch lag histograms, in real DuckDB. */
class FreshnessTest {

  private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

  private Connection c;

  @BeforeEach
  void open() throws SQLException {
    c = DriverManager.getConnection("jdbc:duckdb:");
    StarSchema.create(c);
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
  }

  @Test
  void aWindowOfCommitsCountsItsChangesWheneverTheyWereApplied() throws SQLException {
    // Batch 0 at T0+2 s: 100 changes committed 1 s earlier (before the window).
    bucket(0, 2_000, 1_000, 100);
    // Batch 1 at T0+10 s: 90 changes committed 2 s earlier, 10 committed 6 s earlier.
    bucket(1, 10_000, 2_000, 90);
    bucket(1, 10_000, 6_000, 10);
    // Batch 2 at T0+25 s, after the window: 50 changes committed 12 s earlier (at T0+13 s, in
    // the window), 20 changes committed 3 s earlier (at T0+22 s, after it).
    bucket(2, 25_000, 12_000, 50);
    bucket(2, 25_000, 3_000, 20);

    Freshness f =
        Freshness.committedBetween(c, T0.plusSeconds(3), T0.plusSeconds(20)).orElseThrow();

    assertThat(f.changes()).isEqualTo(150);
    // Bucket upper bounds: 2.01 s for 90 of 150 (60 %), 6.01 s up to 100 (67 %), 13 s above.
    assertThat(f.p50Ms()).isEqualTo(2_010);
    assertThat(f.p95Ms()).isEqualTo(13_000);
    assertThat(f.p99Ms()).isEqualTo(13_000);
    assertThat(f.maxMs()).isEqualTo(13_000);
    assertThat(f.percentiles()).isEqualTo("p50 2.01 s, p95 13.00 s, p99 13.00 s, max 13.00 s");
    assertThat(Freshness.committedBetween(c, T0.plusSeconds(30), T0.plusSeconds(40))).isEmpty();
    assertThat(Freshness.latestCommitApplied(c)).contains(T0.plusSeconds(22));
  }

  @Test
  void lately_isTheLastBatchesWhateverTheyCommitted() throws SQLException {
    bucket(0, 2_000, 1_000, 100);
    bucket(1, 70_000, 5_000, 40);

    Freshness f = Freshness.lately(c, Duration.ofSeconds(60)).orElseThrow();

    assertThat(f.changes()).isEqualTo(40);
    assertThat(f.p99Ms()).isEqualTo(5_010);
  }

  @Test
  void anEmptyLedgerHasNoFreshness() throws SQLException {
    assertThat(Freshness.latestCommitApplied(c)).isEmpty();
    assertThat(Freshness.lately(c, Duration.ofMinutes(1))).isEmpty();
    assertThat(Freshness.committedBetween(c, T0, T0.plusSeconds(60))).isEmpty();
  }

  private void bucket(long batch, long appliedMs, long lagMs, long changes) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO etl_freshness VALUES ('p', ?, make_timestamptz(? * 1000), ?, ?)")) {
      ps.setLong(1, batch);
      ps.setLong(2, T0.toEpochMilli() + appliedMs);
      ps.setLong(3, lagMs);
      ps.setLong(4, changes);
      ps.executeUpdate();
    }
  }
}
