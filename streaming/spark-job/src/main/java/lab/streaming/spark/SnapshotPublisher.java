package lab.streaming.spark;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import lab.warehouse.sink.StarSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the warehouse's read-only snapshot after batches were applied, at most once per timer
 * tick, so a burst of small batches does not copy the file each time.
 */
final class SnapshotPublisher {

  private static final Logger log = LoggerFactory.getLogger(SnapshotPublisher.class);

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

  void publishIfDirty() {
    if (dirty.getAndSet(false)) {
      publish();
    }
  }

  void publish() {
    try {
      sink.publishSnapshot(target);
    } catch (SQLException e) {
      // Readers keep the previous snapshot; the next tick tries again.
      dirty.set(true);
      log.warn("could not publish the warehouse snapshot: {}", e.getMessage());
    }
  }
}
