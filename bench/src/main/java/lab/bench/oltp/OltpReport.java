package lab.bench.oltp;

import java.text.NumberFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns OLTP results into the lines the CLI prints: a table per engine and their comparison. */
public final class OltpReport {

  private static final String ROW = "  %-13s %9s %9s %8s %8s %8s %9s %8s %9s %8s";
  private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.US);

  private OltpReport() {}

  /** The table of one run: a row per type and the total, then what the run committed. */
  public static List<String> table(OltpResult r) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.US,
            "%s: %d client%s, %s measured%s",
            r.engine(),
            r.clients(),
            r.clients() == 1 ? "" : "s",
            seconds(r.measured()),
            r.warmup().isZero() ? "" : " after " + seconds(r.warmup()) + " warm-up"));
    lines.add(
        String.format(
            ROW,
            "TYPE",
            "COUNT",
            "TPS",
            "P50 ms",
            "P95 ms",
            "P99 ms",
            "MAX ms",
            "RETRIES",
            "ROLLBACKS",
            "FAILURES"));
    for (TypeStats s : r.perType()) {
      lines.add(row(s, r.measured()));
    }
    lines.add(row(r.total(), r.measured()));
    Effects e = r.effects();
    lines.add(
        "  committed"
            + (r.warmup().isZero() ? "" : " (warm-up included)")
            + ": "
            + COUNT.format(e.newOrders())
            + " new orders with "
            + COUNT.format(e.orderLines())
            + " lines ("
            + COUNT.format(e.units())
            + " units taken from stock), "
            + COUNT.format(e.payments())
            + " payments, "
            + COUNT.format(e.shipments())
            + " orders shipped"
            + (r.processCpu() == null
                ? ""
                : String.format(
                    Locale.US,
                    "; CPU of this process %.1f s",
                    r.processCpu().toMillis() / 1000.0)));
    if (r.reconnects() > 0 || r.inDoubt() > 0) {
      lines.add(
          "  "
              + r.reconnects()
              + " lost connection(s) re-opened; "
              + r.inDoubt()
              + " transaction(s) in doubt (connection lost during COMMIT)");
    }
    r.firstFailure().ifPresent(f -> lines.add("  first failure: " + f));
    r.stopReason().ifPresent(s -> lines.add("  STOPPED EARLY: " + s));
    return lines;
  }

  /**
   * PostgreSQL against DuckDB per type: throughput and p99, each as PostgreSQL / DuckDB (a tps
   * ratio above 1 and a p99 ratio below 1 both mean PostgreSQL is faster).
   */
  public static List<String> comparison(OltpResult postgres, OltpResult duckdb) {
    String row = "  %-13s %10s %10s %9s %10s %10s %9s";
    List<String> lines = new ArrayList<>();
    lines.add(
        "postgres vs duckdb ("
            + postgres.clients()
            + " vs "
            + duckdb.clients()
            + " clients): ratios are postgres / duckdb");
    lines.add(
        String.format(
            row, "TYPE", "TPS pg", "TPS duck", "TPS ratio", "P99 ms pg", "P99 duck", "P99 ratio"));
    for (int i = 0; i < postgres.perType().size(); i++) {
      lines.add(compare(row, postgres.perType().get(i), duckdb.perType().get(i), postgres, duckdb));
    }
    lines.add(compare(row, postgres.total(), duckdb.total(), postgres, duckdb));
    return lines;
  }

  private static String compare(
      String row, TypeStats pg, TypeStats duck, OltpResult pgRun, OltpResult duckRun) {
    double pgTps = pg.tps(pgRun.measured());
    double duckTps = duck.tps(duckRun.measured());
    return String.format(
        row,
        pg.name(),
        decimal(pgTps, 1),
        decimal(duckTps, 1),
        ratio(pgTps, duckTps),
        millis(pg.p99Micros()),
        millis(duck.p99Micros()),
        pg.completed() == 0 || duck.completed() == 0
            ? "-"
            : ratio(pg.p99Micros(), duck.p99Micros()));
  }

  private static String row(TypeStats s, Duration measured) {
    return String.format(
        ROW,
        s.name(),
        COUNT.format(s.completed()),
        decimal(s.tps(measured), 1),
        millis(s.p50Micros()),
        millis(s.p95Micros()),
        millis(s.p99Micros()),
        millis(s.maxMicros()),
        COUNT.format(s.retries()),
        COUNT.format(s.rollbacks()),
        COUNT.format(s.failures()));
  }

  static String millis(long micros) {
    return decimal(micros / 1000.0, micros < 10_000 ? 2 : 1);
  }

  static String ratio(double a, double b) {
    return b > 0 ? decimal(a / b, 2) + "x" : "-";
  }

  private static String decimal(double v, int places) {
    return String.format(Locale.US, "%,." + places + "f", v);
  }

  private static String seconds(Duration d) {
    return String.format(Locale.US, "%.1f s", d.toMillis() / 1000.0);
  }
}
