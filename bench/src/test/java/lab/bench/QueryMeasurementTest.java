package lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryMeasurementTest {

  @Test
  void medianAndP95OfTheTimedRuns() {
    QueryMeasurement odd = runs(5.0, 1.0, 3.0, 2.0, 4.0);
    QueryMeasurement even = runs(4.0, 1.0, 3.0, 2.0);

    assertThat(odd.medianMillis()).isEqualTo(3.0);
    assertThat(odd.p95Millis()).isEqualTo(5.0);
    assertThat(even.medianMillis()).isEqualTo(2.5);
    assertThat(runs().medianMillis()).isNaN();
  }

  @Test
  void settingsNameTheFlagToChange() {
    assertThatThrownBy(() -> settings(List.of(0.1), 0, 4))
        .hasMessage("--repeats must be between 1 and 1000, got 0");
    assertThatThrownBy(() -> settings(List.of(0.0), 5, 4))
        .hasMessageStartingWith("--scale/--scales: each scale must be above 0");
    assertThatThrownBy(() -> settings(List.of(), 5, 4)).hasMessageStartingWith("--scales:");
    assertThatThrownBy(() -> settings(List.of(0.1), 5, 0))
        .hasMessage("--clients must be between 1 and 256, got 0");
  }

  private static BenchSettings settings(List<Double> scales, int repeats, int clients) {
    return new BenchSettings(scales, repeats, 1, 10, clients, Path.of("out"), false, List.of());
  }

  private static QueryMeasurement runs(Double... millis) {
    return new QueryMeasurement(
        "q1_1", "Q1.1", "duckdb", 1, List.of(millis), 0, 0, 1, "c", PlanFacts.NONE, null);
  }
}
