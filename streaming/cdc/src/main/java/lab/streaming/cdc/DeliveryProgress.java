package lab.streaming.cdc;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the events Kafka acknowledged and logs the total and the rate every few seconds, and once
 * when the last event of the initial snapshot is in Kafka.
 */
final class DeliveryProgress implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryProgress.class);
  private static final Duration EVERY = Duration.ofSeconds(5);

  private final AtomicLong delivered = new AtomicLong();
  private final AtomicBoolean snapshotLogged = new AtomicBoolean();
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService timer;
  // touched only by the timer thread
  private long lastCount;
  private long lastNanos = startNanos;

  private DeliveryProgress() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "cdc-progress");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts the periodic log. */
  static DeliveryProgress start() {
    DeliveryProgress p = new DeliveryProgress();
    p.timer.scheduleAtFixedRate(
        p::report, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return p;
  }

  /** Records a batch that Kafka acknowledged. */
  void delivered(int events, boolean endsSnapshot) {
    long total = delivered.addAndGet(events);
    if (endsSnapshot && snapshotLogged.compareAndSet(false, true)) {
      LOG.info(
          "Initial snapshot is in Kafka: {} events in {} s; streaming changes from now on",
          total,
          String.format("%.1f", (System.nanoTime() - startNanos) / 1e9));
    }
  }

  /** Events acknowledged by Kafka since start. */
  long total() {
    return delivered.get();
  }

  /**
   * True for the envelope of the snapshot's last event ({@code "snapshot":"last"} in its source
   * block). Debezium's JSON has no spaces and escapes quotes inside column values, so the text
   * match cannot be fooled by data; it is only searched after the source block starts.
   */
  static boolean endsSnapshot(String value) {
    if (value == null) {
      return false;
    }
    int source = value.indexOf("\"source\":{");
    return source >= 0 && value.indexOf("\"snapshot\":\"last\"", source) >= 0;
  }

  /** Events per second, rounded down; 0 for an empty interval. */
  static long perSecond(long events, long nanos) {
    return nanos <= 0 ? 0 : (long) (events * 1e9 / nanos);
  }

  private void report() {
    long now = System.nanoTime();
    long total = delivered.get();
    LOG.info(
        "Delivered {} events to Kafka so far, {} events/s over the last {} s",
        total,
        perSecond(total - lastCount, now - lastNanos),
        Math.round((now - lastNanos) / 1e9));
    lastCount = total;
    lastNanos = now;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    LOG.info("Delivered {} events to Kafka in this run", delivered.get());
  }
}
