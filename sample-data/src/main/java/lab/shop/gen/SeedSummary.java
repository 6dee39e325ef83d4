package lab.shop.gen;

import java.time.Duration;
import java.util.Objects;

/** What {@link ShopSeeder#seed} loaded and how long it took. */
public record SeedSummary(
    long customers, long products, long orders, long orderLines, Duration took) {

  public SeedSummary {
    requireNotNegative("customers", customers);
    requireNotNegative("products", products);
    requireNotNegative("orders", orders);
    requireNotNegative("orderLines", orderLines);
    Objects.requireNonNull(took, "took");
    if (took.isNegative()) {
      throw new IllegalArgumentException("took must not be negative, got " + took);
    }
  }

  private static void requireNotNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + value);
    }
  }
}
