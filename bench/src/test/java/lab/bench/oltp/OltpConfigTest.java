package lab.bench.oltp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OltpConfigTest {

  @Test
  void absurdValuesAreRefusedNamingTheFlag() {
    assertThatThrownBy(() -> OltpConfig.timed(0, Duration.ofSeconds(30), Duration.ZERO, 1))
        .hasMessage("clients must be between 1 and 256, got 0 (set --clients)");
    assertThatThrownBy(() -> OltpConfig.timed(257, Duration.ofSeconds(30), Duration.ZERO, 1))
        .hasMessageContaining("(set --clients)");
    assertThatThrownBy(() -> OltpConfig.timed(4, Duration.ofSeconds(-5), Duration.ZERO, 1))
        .hasMessage("seconds must be > 0 and <= 86400, got -5 (set --seconds)");
    assertThatThrownBy(() -> OltpConfig.counted(4, 0, Duration.ZERO, 1))
        .hasMessageContaining("(set --transactions)");
    assertThatThrownBy(() -> OltpConfig.timed(4, Duration.ofSeconds(5), Duration.ofSeconds(-1), 1))
        .hasMessageContaining("(set --warmup-seconds)");
    assertThatThrownBy(
            () -> OltpConfig.timed(4, Duration.ofSeconds(5), Duration.ZERO, 1).withMaxRetries(-1))
        .hasMessageContaining("(set --max-retries)");
  }

  @Test
  void aRunIsTimedOrCountedNeverBoth() {
    assertThat(OltpConfig.counted(2, 100, Duration.ZERO, 1).counted()).isTrue();
    assertThat(OltpConfig.timed(2, Duration.ofSeconds(1), Duration.ZERO, 1).counted()).isFalse();
    assertThatThrownBy(
            () ->
                new OltpConfig(
                    2, Duration.ofSeconds(1), 100, Duration.ZERO, 1, 10, OltpMix.STANDARD))
        .hasMessageContaining("not both");
  }

  @Test
  void conflictsAndDeadlocksAreRetriedOtherErrorsAreNot() {
    assertThat(OltpDialect.POSTGRES.isRetryable(new SQLException("x", "40001"))).isTrue();
    assertThat(OltpDialect.POSTGRES.isRetryable(new SQLException("x", "40P01"))).isTrue();
    assertThat(OltpDialect.POSTGRES.isRetryable(new SQLException("x", "23505"))).isFalse();
    assertThat(
            OltpDialect.DUCKDB.isRetryable(
                new SQLException("TransactionContext Error: Conflict on update!")))
        .isTrue();
    assertThat(
            OltpDialect.DUCKDB.isRetryable(
                new SQLException(
                    "TransactionContext Error: Failed to commit: PRIMARY KEY or UNIQUE constraint"
                        + " violation: duplicate key \"5\"")))
        .isFalse();
    assertThat(
            OltpDialect.POSTGRES.isRetryable(
                new SQLException("commit failed", "40001", new SQLException("x", "40001"))))
        .isTrue();
  }

  @Test
  void aConnectionExceptionOrATerminatedBackendIsALostConnection() {
    assertThat(OltpDialect.isConnectionLost(new SQLException("x", "08006"), null)).isTrue();
    assertThat(OltpDialect.isConnectionLost(new SQLException("x", "57P01"), null)).isTrue();
  }

  @Test
  void engineNamesAreThoseOfTheCommandLine() {
    assertThat(OltpDialect.of("DuckDB")).isEqualTo(OltpDialect.DUCKDB);
    assertThatThrownBy(() -> OltpDialect.of("oracle")).hasMessageContaining("(set --engine)");
  }
}
