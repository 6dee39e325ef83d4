package lab.shop.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveSummaryTest {

  @Test
  void theRateIsEveryFinishedTransactionPerSecondOfElapsedTime() {
    LiveSummary summary =
        new LiveSummary(
            Map.of(TransactionKind.NEW_ORDER, 175L, TransactionKind.PAYMENT, 75L),
            500,
            3,
            2,
            Duration.ofMillis(2_500));

    assertThat(summary.transactions()).isEqualTo(250);
    assertThat(summary.newOrders()).isEqualTo(175);
    assertThat(summary.count(TransactionKind.RETURN)).isZero();
    assertThat(summary.txPerSecond()).isEqualTo(100.0);
    assertThat(new LiveSummary(Map.of(), 0, 0, 1, Duration.ZERO).txPerSecond()).isZero();
  }

  @Test
  void negativeCountsAndNoConnectionsAreRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new LiveSummary(Map.of(TransactionKind.PAYMENT, -1L), 0, 0, 1, Duration.ZERO))
        .withMessageContaining("PAYMENT");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LiveSummary(Map.of(), 0, 0, 0, Duration.ZERO));
  }
}
