package lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import lab.services.CpuMeter;
import lab.warehouse.schema.Freshness;
import org.junit.jupiter.api.Test;

class LiveMeasureTest {

  private static final Instant FROM = Instant.parse("2026-11-29T12:00:00Z");

  private static Optional<Freshness> freshness(long changes, long p50Ms, long p99Ms) {
    return Optional.of(
        new Freshness(changes, changes, Duration.ofSeconds(30), p50Ms, p99Ms, p99Ms, p99Ms));
  }

  private static LiveMeasure.Result result(long firstP50, long secondP50) {
    return new LiveMeasure.Result(
        FROM,
        FROM.plusSeconds(60),
        freshness(120_000, secondP50, secondP50 * 2),
        freshness(60_000, firstP50, firstP50 * 2),
        freshness(60_000, secondP50, secondP50 * 2),
        Duration.ofMillis(4_400),
        Duration.ofSeconds(60),
        List.of(
            new CpuMeter.Usage("postgres", Optional.of(Duration.ofSeconds(30))),
            new CpuMeter.Usage("etl", Optional.of(Duration.ofSeconds(72))),
            new CpuMeter.Usage("cdc", Optional.empty())),
        List.of("kafka"));
  }

  @Test
  void aSecondHalfAsFreshAsTheFirstKeptUp() {
    assertThat(LiveMeasure.verdict(result(3_000, 4_400))).startsWith("kept up");
    assertThat(LiveMeasure.verdict(result(3_000, 5_600))).startsWith("falling behind");
    assertThat(LiveMeasure.verdict(result(200, 1_300))).startsWith("kept up");
  }

  @Test
  void theReportGivesRatesPercentilesAndCoresPerProgram() {
    List<String> lines = LiveMeasure.describe(result(3_000, 3_500), 2);

    assertThat(lines)
        .containsExactly(
            "measured: the 60.0 s after the warm-up (changes committed in it, however late they"
                + " were applied)",
            "  freshness, shop commit -> warehouse: 120,000 changes (2,000/s): p50 3.50 s, p95"
                + " 7.00 s, p99 7.00 s, max 7.00 s",
            "    first half p50 3.00 s, p99 6.00 s; second half p50 3.50 s, p99 7.00 s: kept up"
                + " (the second half's median is within 1.5 times the first's, plus 1 s)",
            "  the warehouse snapshot held the writer's last changes 4.4 s after it stopped",
            "  CPU in cores over 60 s (the machine has 2): postgres 0.50, etl 1.20, cdc unknown;"
                + " together 1.70 (kafka not run by the lab: not counted)");
  }
}
