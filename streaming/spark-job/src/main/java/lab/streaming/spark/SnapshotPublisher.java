package lab.streaming.spark;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import lab.warehouse.sink.StarSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the warehouse's read-only snapshot after batches were applied, at most once per
 * interval, so a burst of small batches does not copy the file each time. A publish copies the
 * whole file, which grows with the shop: 1-2 s for 450 MB at scale 1 on the lab's machine. So the
 * interval stretches to {@link #QUIET_FACTOR} times the last publish when that is longer, and
 * copying never takes more than a fifth of the machine's time from the stream; readers see an older
 * snapshot instead (lab query prints its age).
 */
final class SnapshotPublisher {

  private static final Logger log = LoggerFactory.getLogger(SnapshotPublisher.class);

  /** The pause after a publish, in multiples of the time it took, when the interval is shorter. */
  static final int QUIET_FACTOR = 4;

  private final StarSink sink;
  private final Path target;
  private final AtomicBoolean dirty = new AtomicBoolean();

  SnapshotPublisher(StarSink sink, Path target) {
    this.sink = sink;
    this.target = target;
  }

  void markDirty() {
    dirty.set(true);
  }

  /**
   * Publishes whenever batches were applied, at most every {@code every}, or {@link #QUIET_FACTOR}
   * times the last publish when that is longer; stops when the timer is shut down.
   */
  void publishEvery(ScheduledExecutorService timer, Duration every) {
    schedule(timer, every, every);
  }

  private void schedule(ScheduledExecutorService timer, Duration every, Duration delay) {
    try {
      timer.schedule(
          () -> schedule(timer, every, nextDelay(every, publishIfDirty())),
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shutDown) {
      // The ETL is stopping; its last snapshot is published on the way out.
    }
  }

  /** The pause before the next publish: the interval, or longer after a slow publish. */
  static Duration nextDelay(Duration every, Duration lastPublish) {
    Duration quiet = lastPublish.multipliedBy(QUIET_FACTOR);
    return quiet.compareTo(every) > 0 ? quiet : every;
  }

  /**
   * Publishes if batches were applied since the last publish; returns what it cost (its checkpoint
   * and copy, not its wait for a batch in progress).
   */
  Duration publishIfDirty() {
    return dirty.getAndSet(false) ? publish() : Duration.ZERO;
  }

  Duration publish() {
    try {
      return sink.publishSnapshot(target);
    } catch (SQLException e) {
      // Readers keep the previous snapshot; the next tick tries again.
      dirty.set(true);
      log.warn("could not publish the warehouse snapshot: {}", e.getMessage());
      return Duration.ZERO;
    }
  }
}
