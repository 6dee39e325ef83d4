package lab.shop.gen;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What {@link ShopSeeder#seed} loaded, table by table in load order, and how long it took. */
public record SeedSummary(Map<String, Long> rows, Duration took) {

  public SeedSummary {
    rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    rows.forEach(
        (table, n) -> {
          if (n < 0) {
            throw new IllegalArgumentException(table + " rows must be >= 0, got " + n);
          }
        });
    Objects.requireNonNull(took, "took");
    if (took.isNegative()) {
      throw new IllegalArgumentException("took must not be negative, got " + took);
    }
  }

  public long customers() {
    return rows.getOrDefault("customers", 0L);
  }

  public long products() {
    return rows.getOrDefault("products", 0L);
  }

  public long orders() {
    return rows.getOrDefault("orders", 0L);
  }

  public long orderLines() {
    return rows.getOrDefault("order_items", 0L);
  }

  /** Rows of every table together. */
  public long totalRows() {
    return rows.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Rows per second over the whole load, commit included. */
  public double rowsPerSecond() {
    double seconds = took.toNanos() / 1e9;
    return seconds > 0 ? totalRows() / seconds : 0;
  }
}
