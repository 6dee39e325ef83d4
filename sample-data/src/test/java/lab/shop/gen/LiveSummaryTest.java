package lab.shop.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LiveSummaryTest {

  @Test
  void theAchievedRateIsCommitsPerSecondOfElapsedTime() {
    LiveSummary summary = new LiveSummary(250, 175, 500, 50, 12, 13, Duration.ofMillis(2_500));

    assertThat(summary.txPerSecond()).isCloseTo(100.0, within(1e-9));
  }

  @Test
  void noTimeMeansNoRate() {
    assertThat(new LiveSummary(0, 0, 0, 0, 0, 0, Duration.ZERO).txPerSecond()).isZero();
  }

  @Test
  void rejectsNegativeCounts() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LiveSummary(-1, 0, 0, 0, 0, 0, Duration.ZERO))
        .withMessage("transactions must be >= 0, got -1");
  }
}
