package lab.bench.oltp;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * How often each transaction type is drawn, as whole-number weights (TPC-C's mix by default: 45%
 * new order, 43% payment, 4% each of order status, delivery and stock check).
 */
public record OltpMix(Map<TxType, Integer> weights) {

  /** TPC-C's minimum mix, with payment taking what the minimums leave. */
  public static final OltpMix STANDARD =
      new OltpMix(
          Map.of(
              TxType.NEW_ORDER, 45,
              TxType.PAYMENT, 43,
              TxType.ORDER_STATUS, 4,
              TxType.DELIVERY, 4,
              TxType.STOCK_CHECK, 4));

  public OltpMix {
    Objects.requireNonNull(weights, "weights");
    EnumMap<TxType, Integer> copy = new EnumMap<>(TxType.class);
    int total = 0;
    for (TxType type : TxType.values()) {
      int w = weights.getOrDefault(type, 0);
      if (w < 0 || w > 1_000) {
        throw new IllegalArgumentException(
            "the weight of " + type.label() + " must be between 0 and 1000, got " + w);
      }
      copy.put(type, w);
      total += w;
    }
    if (total == 0) {
      throw new IllegalArgumentException("the mix needs at least one transaction type weighted");
    }
    weights = Map.copyOf(copy);
  }

  /** Draws one type; the same random stream gives the same sequence of types. */
  public TxType draw(SplittableRandom r) {
    int total = weights.values().stream().mapToInt(Integer::intValue).sum();
    int roll = r.nextInt(total);
    for (TxType type : TxType.values()) {
      roll -= weights.get(type);
      if (roll < 0) {
        return type;
      }
    }
    throw new AssertionError("weights sum to " + total);
  }

  /** The share of a type, 0..1. */
  public double share(TxType type) {
    int total = weights.values().stream().mapToInt(Integer::intValue).sum();
    return weights.get(type) / (double) total;
  }
}
