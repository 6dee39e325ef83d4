package lab.shop.gen;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Running or final totals of a {@link LiveWorkload} run: committed transactions by kind, order
 * lines written, retries after serialization failures or deadlocks, and elapsed time.
 */
public record LiveSummary(
    Map<TransactionKind, Long> byKind,
    long orderLines,
    long retries,
    int connections,
    Duration elapsed) {

  public LiveSummary {
    EnumMap<TransactionKind, Long> copy = new EnumMap<>(TransactionKind.class);
    byKind.forEach(
        (kind, n) -> {
          if (n < 0) {
            throw new IllegalArgumentException(kind + " count must be >= 0, got " + n);
          }
          copy.put(kind, n);
        });
    byKind = Collections.unmodifiableMap(copy);
    if (orderLines < 0 || retries < 0) {
      throw new IllegalArgumentException("orderLines and retries must be >= 0");
    }
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be >= 1, got " + connections);
    }
    Objects.requireNonNull(elapsed, "elapsed");
    if (elapsed.isNegative()) {
      throw new IllegalArgumentException("elapsed must not be negative, got " + elapsed);
    }
  }

  /** Transactions finished, whatever they did (refused orders were rolled back, not committed). */
  public long transactions() {
    return byKind.values().stream().mapToLong(Long::longValue).sum();
  }

  public long count(TransactionKind kind) {
    return byKind.getOrDefault(kind, 0L);
  }

  public long newOrders() {
    return count(TransactionKind.NEW_ORDER);
  }

  /** The achieved rate: transactions per second of elapsed time, 0 before any time. */
  public double txPerSecond() {
    long nanos = elapsed.toNanos();
    return nanos == 0 ? 0.0 : transactions() * 1e9 / nanos;
  }
}
