package lab.bench;

import java.time.Instant;
import java.util.List;

/** What one {@code lab bench} measured, in the order it ran, with the notes the report shows. */
public record BenchResults(
    Instant startedAt,
    BenchSettings settings,
    List<String> queryIds,
    List<ScaleRun> scales,
    List<HtapCase> htap,
    List<String> notes) {

  public BenchResults {
    queryIds = List.copyOf(queryIds);
    scales = List.copyOf(scales);
    htap = List.copyOf(htap);
    notes = List.copyOf(notes);
  }

  /** Every catalog measurement of every scale. */
  public List<QueryMeasurement> allQueries() {
    return scales.stream().flatMap(s -> s.olap().stream()).toList();
  }

  /** The largest scale's run, which the per-query tables and charts show. */
  public ScaleRun last() {
    return scales.get(scales.size() - 1);
  }
}
