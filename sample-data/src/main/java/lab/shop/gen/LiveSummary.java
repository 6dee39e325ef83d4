package lab.shop.gen;

import java.time.Duration;
import java.util.Objects;

/** Running or final totals of a {@link LiveWorkload} run; transactions counts only commits. */
public record LiveSummary(
    long transactions,
    long newOrders,
    long orderLines,
    long statusChanges,
    long priceChanges,
    long customerUpdates,
    Duration elapsed) {

  public LiveSummary {
    requireNotNegative("transactions", transactions);
    requireNotNegative("newOrders", newOrders);
    requireNotNegative("orderLines", orderLines);
    requireNotNegative("statusChanges", statusChanges);
    requireNotNegative("priceChanges", priceChanges);
    requireNotNegative("customerUpdates", customerUpdates);
    Objects.requireNonNull(elapsed, "elapsed");
    if (elapsed.isNegative()) {
      throw new IllegalArgumentException("elapsed must not be negative, got " + elapsed);
    }
  }

  /** The achieved rate: committed transactions per second of elapsed time, 0 before any time. */
  public double txPerSecond() {
    long nanos = elapsed.toNanos();
    return nanos == 0 ? 0.0 : transactions * 1e9 / nanos;
  }

  private static void requireNotNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + value);
    }
  }
}
