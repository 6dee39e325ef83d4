package lab.bench.oltp;

import java.time.Duration;

/**
 * The run so far, reported about once a second: transactions completed (committed or rolled back by
 * a business rule) since measuring began, the rate over the last report interval, and the retries
 * and failures so far. During warm-up {@code warmingUp} is true and the counts are those of the
 * warm-up.
 */
public record OltpProgress(
    Duration elapsed,
    boolean warmingUp,
    long completed,
    double recentTps,
    long retries,
    long failures) {}
