package lab.streaming.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CaughtUpTest {

  @Test
  void aSourceThatLeftOffsetsBehindLatestHasABacklogHoweverFewRowsItRead() {
    assertThat(CaughtUp.source(Map.of(CaughtUp.BEHIND, "7", "avgOffsetsBehindLatest", "0.4"), 12))
        .isFalse();
    assertThat(CaughtUp.source(Map.of(CaughtUp.BEHIND, "1800007"), 199_993)).isFalse();
  }

  @Test
  void aSourceWithNothingBehindLatestIsCaughtUpHoweverManyRowsItRead() {
    assertThat(CaughtUp.source(Map.of(CaughtUp.BEHIND, "0"), 199_993)).isTrue();
    assertThat(CaughtUp.source(Map.of(CaughtUp.BEHIND, "0"), 0)).isTrue();
  }

  @Test
  void withoutTheMetricOnlyAnIdleTriggerCountsAsCaughtUp() {
    assertThat(CaughtUp.source(Map.of(), 0)).isTrue();
    assertThat(CaughtUp.source(null, 0)).isTrue();
    assertThat(CaughtUp.source(Map.of(), 5)).isFalse();
  }

  @Test
  void beforeTheFirstBatchThereIsNoProgressAndNoRepair() {
    assertThat(CaughtUp.with(null)).isFalse();
  }
}
