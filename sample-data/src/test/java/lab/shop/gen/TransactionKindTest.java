package lab.shop.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransactionKindTest {

  private static final int DRAWS = 100_000;

  @Test
  void theMixIsSeventyTwentyFiveFive() {
    Map<TransactionKind, Integer> counts = new EnumMap<>(TransactionKind.class);
    for (long n = 1; n <= DRAWS; n++) {
      counts.merge(
          TransactionKind.draw(Seeds.random(7, Seeds.LIVE_TRANSACTION, n)), 1, Integer::sum);
    }

    assertThat(share(counts, TransactionKind.NEW_ORDER)).isCloseTo(0.70, within(0.01));
    assertThat(share(counts, TransactionKind.STATUS_CHANGE)).isCloseTo(0.20, within(0.01));
    assertThat(share(counts, TransactionKind.PRICE_CHANGE)).isCloseTo(0.05, within(0.01));
    assertThat(share(counts, TransactionKind.CUSTOMER_UPDATE)).isCloseTo(0.05, within(0.01));
    assertThat(counts).doesNotContainKey(TransactionKind.NOTHING);
  }

  @Test
  void theSameSeedDrawsTheSameSequence() {
    for (long n = 1; n <= 1_000; n++) {
      assertThat(TransactionKind.draw(Seeds.random(7, Seeds.LIVE_TRANSACTION, n)))
          .isEqualTo(TransactionKind.draw(Seeds.random(7, Seeds.LIVE_TRANSACTION, n)));
    }
  }

  private static double share(Map<TransactionKind, Integer> counts, TransactionKind kind) {
    return counts.getOrDefault(kind, 0) / (double) DRAWS;
  }
}
