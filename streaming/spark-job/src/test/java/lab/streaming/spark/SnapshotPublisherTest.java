package lab.streaming.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SnapshotPublisherTest {

  private static final Duration EVERY = Duration.ofSeconds(2);

  @Test
  void aQuickPublishKeepsTheSetInterval() {
    assertThat(SnapshotPublisher.nextDelay(EVERY, Duration.ZERO)).isEqualTo(EVERY);
    assertThat(SnapshotPublisher.nextDelay(EVERY, Duration.ofMillis(500))).isEqualTo(EVERY);
  }

  @Test
  void aSlowPublishIsFollowedByFourTimesItsDurationSoCopyingTakesAFifthOfTheTimeAtMost() {
    Duration copy = Duration.ofMillis(1_900); // 480 MB at scale 1, measured
    Duration pause = SnapshotPublisher.nextDelay(EVERY, copy);

    assertThat(pause).isEqualTo(Duration.ofMillis(7_600));
    assertThat(copy.toMillis() / (double) (copy.toMillis() + pause.toMillis())).isEqualTo(0.2);
  }
}
