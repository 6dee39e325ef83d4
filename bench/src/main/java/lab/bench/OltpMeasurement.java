package lab.bench;

import java.util.Objects;
import lab.bench.oltp.OltpResult;
import lab.bench.oltp.TypeStats;

/**
 * One run of the OLTP mix as the benchmark reports it: throughput, latency percentiles of all
 * transactions together, and CPU.
 *
 * @param label what ran beside it, e.g. {@code alone} or {@code with OLAP on postgres}
 * @param serverCpuSeconds PostgreSQL's processes' CPU during the run; NaN where not visible
 */
public record OltpMeasurement(
    String engine,
    double scale,
    String label,
    int clients,
    double seconds,
    long completed,
    long failures,
    double tps,
    double p50Millis,
    double p95Millis,
    double p99Millis,
    double jvmCpuSeconds,
    double serverCpuSeconds,
    String error) {

  public OltpMeasurement {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(label, "label");
  }

  static OltpMeasurement of(
      OltpResult r, double scale, String label, double jvmCpu, double serverCpu) {
    TypeStats t = r.total();
    return new OltpMeasurement(
        r.engine(),
        scale,
        label,
        r.clients(),
        r.measured().toNanos() / 1e9,
        t.completed(),
        t.failures(),
        t.tps(r.measured()),
        t.p50Micros() / 1000.0,
        t.p95Micros() / 1000.0,
        t.p99Micros() / 1000.0,
        jvmCpu,
        serverCpu,
        r.stopReason().orElse(null));
  }

  static OltpMeasurement failed(String engine, double scale, String label, String error) {
    return new OltpMeasurement(
        engine,
        scale,
        label,
        0,
        0,
        0,
        0,
        0,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        error);
  }

  public boolean ok() {
    return error == null;
  }
}
