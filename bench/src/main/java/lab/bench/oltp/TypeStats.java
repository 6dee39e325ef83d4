package lab.bench.oltp;

import java.time.Duration;
import java.util.Objects;
import org.HdrHistogram.AbstractHistogram;

/**
 * The measured figures of one transaction type (or of all): completed transactions (committed plus
 * rolled back by a business rule), their latency percentiles in microseconds from the first attempt
 * to the end of the last, and the retries, business rollbacks and failures.
 */
public record TypeStats(
    String name,
    long completed,
    long rollbacks,
    long retries,
    long failures,
    long p50Micros,
    long p95Micros,
    long p99Micros,
    long maxMicros) {

  public TypeStats {
    Objects.requireNonNull(name, "name");
    if (completed < 0 || rollbacks < 0 || retries < 0 || failures < 0 || rollbacks > completed) {
      throw new IllegalArgumentException(
          name
              + ": counts must be >= 0 and rollbacks <= completed, got "
              + completed
              + "/"
              + rollbacks);
    }
  }

  static TypeStats of(
      String name, AbstractHistogram latencies, long rollbacks, long retries, long failures) {
    boolean any = latencies.getTotalCount() > 0;
    return new TypeStats(
        name,
        latencies.getTotalCount(),
        rollbacks,
        retries,
        failures,
        any ? latencies.getValueAtPercentile(50) : 0,
        any ? latencies.getValueAtPercentile(95) : 0,
        any ? latencies.getValueAtPercentile(99) : 0,
        any ? latencies.getMaxValue() : 0);
  }

  public long committed() {
    return completed - rollbacks;
  }

  /** Completed transactions per second of the measured time. */
  public double tps(Duration measured) {
    double seconds = measured.toNanos() / 1e9;
    return seconds > 0 ? completed / seconds : 0;
  }
}
