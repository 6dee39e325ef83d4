package lab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One catalog query on one engine at one scale: its timed runs (after warm-up), their median and
 * p95, the CPU it cost, what it returned and what the engine read.
 *
 * @param millis wall time of each measured run
 * @param jvmCpuSeconds CPU of this JVM over the measured runs (DuckDB's work, the driver's)
 * @param serverCpuSeconds CPU of PostgreSQL's processes over the measured runs; NaN where not
 *     visible (DuckDB, or a server on another machine)
 * @param error why the query could not run, or null
 */
public record QueryMeasurement(
    String queryId,
    String flight,
    String engine,
    double scale,
    List<Double> millis,
    double jvmCpuSeconds,
    double serverCpuSeconds,
    long rows,
    String checksum,
    PlanFacts plan,
    String error) {

  public QueryMeasurement {
    Objects.requireNonNull(queryId, "queryId");
    Objects.requireNonNull(engine, "engine");
    millis = List.copyOf(millis);
    Objects.requireNonNull(plan, "plan");
  }

  static QueryMeasurement failed(
      String queryId, String flight, String engine, double scale, String error) {
    return new QueryMeasurement(
        queryId,
        flight,
        engine,
        scale,
        List.of(),
        Double.NaN,
        Double.NaN,
        0,
        "",
        PlanFacts.NONE,
        error);
  }

  public boolean ok() {
    return error == null;
  }

  public double medianMillis() {
    return percentile(50);
  }

  public double p95Millis() {
    return percentile(95);
  }

  /** Nearest-rank percentile of the measured runs; NaN if none ran. */
  double percentile(double p) {
    if (millis.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(millis);
    sorted.sort(Double::compare);
    if (p == 50 && sorted.size() % 2 == 0) {
      int mid = sorted.size() / 2;
      return (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
