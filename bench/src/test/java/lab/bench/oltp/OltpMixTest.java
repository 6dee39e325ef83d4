package lab.bench.oltp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OltpMixTest {

  @Test
  void theStandardMixDrawsTpccShares() {
    SplittableRandom r = new SplittableRandom(1);
    Map<TxType, Integer> drawn = new EnumMap<>(TxType.class);
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      drawn.merge(OltpMix.STANDARD.draw(r), 1, Integer::sum);
    }
    assertThat(drawn.get(TxType.NEW_ORDER) / (double) n).isCloseTo(0.45, within(0.005));
    assertThat(drawn.get(TxType.PAYMENT) / (double) n).isCloseTo(0.43, within(0.005));
    for (TxType small : new TxType[] {TxType.ORDER_STATUS, TxType.DELIVERY, TxType.STOCK_CHECK}) {
      assertThat(drawn.get(small) / (double) n).as(small.label()).isCloseTo(0.04, within(0.003));
    }
  }

  @Test
  void theSameSeedDrawsTheSameSequence() {
    SplittableRandom a = new SplittableRandom(42);
    SplittableRandom b = new SplittableRandom(42);
    for (int i = 0; i < 1_000; i++) {
      assertThat(OltpMix.STANDARD.draw(a)).isEqualTo(OltpMix.STANDARD.draw(b));
    }
  }

  @Test
  void aMixWithoutWeightsOrWithANegativeOneIsRefused() {
    assertThatThrownBy(() -> new OltpMix(Map.of()))
        .hasMessageContaining("at least one transaction type");
    assertThatThrownBy(() -> new OltpMix(Map.of(TxType.PAYMENT, -1)))
        .hasMessageContaining("payment must be between 0 and 1000, got -1");
  }
}
