package lab.streaming.spark;

import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Whether the stream has read everything Kafka held when its last batch was planned, from Spark's
 * own progress report: the Kafka source reports, per batch, how many offsets it left behind the
 * latest ones ({@code maxOffsetsBehindLatest}); an idle trigger reads no rows at all.
 *
 * <p>Why not "the last batch was smaller than the per-batch cap": Spark splits the cap across the
 * topic partitions and rounds, so a draining backlog arrives in batches of 199,993 records under a
 * cap of 200,000, and the gap repair, which must wait while a backlog drains, ran through a whole
 * CDC snapshot (11 rounds at scale 1, each rebuilding the star for 500 orders).
 */
final class CaughtUp {

  static final String BEHIND = "maxOffsetsBehindLatest";

  private CaughtUp() {}

  /** False before the first batch, and while any source is behind its latest offsets. */
  static boolean with(StreamingQueryProgress progress) {
    if (progress == null) {
      return false;
    }
    return Arrays.stream(progress.sources()).allMatch(s -> source(s.metrics(), s.numInputRows()));
  }

  /**
   * One source: caught up when it reports nothing behind latest, or, where it reports nothing (an
   * idle trigger's progress), when it read no rows.
   */
  static boolean source(Map<String, String> metrics, long inputRows) {
    String behind = metrics == null ? null : metrics.get(BEHIND);
    if (behind == null) {
      return inputRows == 0;
    }
    return Long.parseLong(behind) == 0;
  }
}
