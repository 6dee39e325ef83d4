package lab.bench.oltp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OltpReportTest {

  private static OltpResult result(String engine, long perTypeCount, long p99Micros) {
    List<TypeStats> perType = new ArrayList<>();
    for (TxType t : TxType.values()) {
      perType.add(new TypeStats(t.label(), perTypeCount, 1, 2, 0, 500, 900, p99Micros, 20_000));
    }
    return new OltpResult(
        engine,
        4,
        perType,
        new TypeStats("total", 5 * perTypeCount, 5, 10, 0, 500, 900, p99Micros, 20_000),
        Duration.ofSeconds(10),
        Duration.ofSeconds(2),
        new Effects(40, 120, 180, 35, 20),
        0,
        0,
        Duration.ofMillis(12_300),
        Optional.empty(),
        Optional.empty());
  }

  @Test
  void aTableHasARowPerTypeTheTotalAndWhatWasCommitted() {
    List<String> lines = OltpReport.table(result("postgres", 1_000, 1_500));

    assertThat(lines.get(0)).isEqualTo("postgres: 4 clients, 10.0 s measured after 2.0 s warm-up");
    assertThat(lines.get(1))
        .contains("TYPE", "COUNT", "TPS", "P50 ms", "P99 ms", "RETRIES", "ROLLBACKS", "FAILURES");
    assertThat(lines.get(2))
        .isEqualTo(
            "  new order         1,000     100.0     0.50     0.90     1.50      20.0        2         1        0");
    assertThat(lines.get(7)).startsWith("  total").contains("5,000", "500.0");
    assertThat(lines.get(8))
        .isEqualTo(
            "  committed (warm-up included): 40 new orders with 120 lines (180 units taken from stock),"
                + " 35 payments, 20 orders shipped; CPU of this process 12.3 s");
    assertThat(lines).hasSize(9);
  }

  @Test
  void aStoppedRunSaysWhy() {
    OltpResult r = result("postgres", 10, 100);
    OltpResult stopped =
        new OltpResult(
            r.engine(),
            r.clients(),
            r.perType(),
            r.total(),
            r.measured(),
            r.warmup(),
            r.effects(),
            1,
            1,
            null,
            Optional.of("payment: boom"),
            Optional.of("client 1 of 4 lost its connection"));

    assertThat(OltpReport.table(stopped))
        .contains(
            "  1 lost connection(s) re-opened; 1 transaction(s) in doubt (connection lost during COMMIT)")
        .contains("  first failure: payment: boom")
        .contains("  STOPPED EARLY: client 1 of 4 lost its connection");
  }

  @Test
  void theComparisonGivesPostgresOverDuckdbForThroughputAndP99() {
    List<String> lines =
        OltpReport.comparison(result("postgres", 4_000, 2_000), result("duckdb", 1_000, 8_000));

    assertThat(lines.get(0)).contains("ratios are postgres / duckdb");
    assertThat(lines.get(2))
        .isEqualTo(
            "  new order          400.0      100.0     4.00x       2.00       8.00     0.25x");
    assertThat(lines.get(7)).startsWith("  total");
  }
}
