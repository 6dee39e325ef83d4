package lab.shop.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransactionKindTest {

  private static final int DRAWS = 100_000;

  @Test
  void newOrdersAreMoreThanHalfAndEveryDrawnKindAppearsNearItsWeight() {
    Map<TransactionKind, Integer> counts = new EnumMap<>(TransactionKind.class);
    for (long n = 1; n <= DRAWS; n++) {
      counts.merge(
          TransactionKind.draw(Seeds.random(7, Seeds.LIVE_TRANSACTION, n)), 1, Integer::sum);
    }

    assertThat(TransactionKind.totalPerMille()).isEqualTo(1000);
    assertThat(share(counts, TransactionKind.NEW_ORDER)).isCloseTo(0.55, within(0.01));
    assertThat(share(counts, TransactionKind.PAYMENT)).isCloseTo(0.12, within(0.01));
    assertThat(share(counts, TransactionKind.ERASURE)).isCloseTo(0.002, within(0.001));
    assertThat(counts)
        .doesNotContainKeys(TransactionKind.NOTHING, TransactionKind.OUT_OF_STOCK)
        .hasSize(TransactionKind.values().length - 2);
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
