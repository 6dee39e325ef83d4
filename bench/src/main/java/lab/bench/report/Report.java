package lab.bench.report;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lab.bench.BenchResults;
import lab.bench.BenchSettings;
import lab.bench.HtapCase;
import lab.bench.OltpMeasurement;
import lab.bench.QueryMeasurement;
import lab.bench.ScaleRun;

/** The benchmark report as a list of blocks: tables of the measurements, charts, and the "why". */
public final class Report {

  private Report() {}

  public static List<Block> blocks(BenchResults r, List<Charts.Png> charts) {
    List<Block> b = new ArrayList<>();
    BenchSettings s = r.settings();
    b.add(new Block.Heading(1, "OLTP vs OLAP benchmark"));
    b.add(
        new Block.Paragraph(
            String.format(
                Locale.US,
                "Started %s. Scales %s; %d warm-up and %d timed runs per query (median and p95 of"
                    + " the timed runs); OLTP mix %d s with %d clients per engine.",
                r.startedAt(),
                String.join(", ", s.scales().stream().map(Report::fmtScale).toList()),
                s.warmup(),
                s.repeats(),
                s.oltpSeconds(),
                s.clients())));
    List<String> shops = new ArrayList<>();
    for (ScaleRun run : r.scales()) {
      shops.add(
          "scale "
              + fmtScale(run.scale())
              + ": PostgreSQL shop "
              + run.shop()
              + ", "
              + count(run.shopOrderLines())
              + " order lines; DuckDB star "
              + (run.starFactRows() < 0
                  ? "not read"
                  : count(run.starFactRows()) + " fact_sales rows"));
    }
    shops.addAll(r.notes());
    b.add(new Block.Bullets(shops));

    b.add(new Block.Heading(2, "Why (from the measured facts)"));
    b.add(new Block.Bullets(Why.sentences(r)));

    for (ScaleRun run : r.scales()) {
      b.add(new Block.Heading(2, "Analytic queries, scale " + fmtScale(run.scale())));
      b.add(queryTable(run));
    }
    b.add(new Block.Heading(2, "OLTP mix"));
    b.add(oltpTable(r));
    if (r.scales().size() > 1) {
      b.add(new Block.Heading(2, "Scale sweep"));
      b.add(sweepTable(r));
    }
    b.add(new Block.Heading(2, "HTAP interference"));
    if (r.htap().isEmpty()) {
      b.add(new Block.Paragraph("Not run (--skip-htap)."));
    } else {
      b.add(htapTable(r));
    }
    b.add(new Block.Heading(2, "Charts"));
    charts.forEach(c -> b.add(new Block.Image(c)));
    return b;
  }

  private static Block.Table queryTable(ScaleRun run) {
    List<List<String>> rows = new ArrayList<>();
    for (QueryMeasurement m : run.olap()) {
      if (!m.ok()) {
        rows.add(
            List.of(
                m.queryId(),
                m.flight(),
                m.engine(),
                "error: " + m.error(),
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                ""));
        continue;
      }
      rows.add(
          List.of(
              m.queryId(),
              m.flight(),
              m.engine(),
              Long.toString(m.rows()),
              m.checksum(),
              ms(m.medianMillis()),
              ms(m.p95Millis()),
              cpu(m.jvmCpuSeconds()),
              cpu(m.serverCpuSeconds()),
              count(m.plan().rowsScanned()),
              m.plan().columnsRead() + " / " + m.plan().columnsInTables(),
              m.plan().error() != null ? "explain failed" : m.plan().joinStrategy()));
    }
    return new Block.Table(
        List.of(
            "query",
            "flight",
            "engine",
            "rows",
            "checksum",
            "median ms",
            "p95 ms",
            "JVM CPU s",
            "server CPU s",
            "rows scanned",
            "columns read / in tables",
            "joins"),
        rows,
        List.of(false, false, false, true, false, true, true, true, true, true, true, false));
  }

  private static Block.Table oltpTable(BenchResults r) {
    List<List<String>> rows = new ArrayList<>();
    for (ScaleRun run : r.scales()) {
      for (OltpMeasurement m : run.oltp()) {
        rows.add(oltpRow(fmtScale(run.scale()), m.engine(), m));
      }
    }
    return new Block.Table(
        List.of(
            "scale",
            "engine",
            "tx/s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "transactions",
            "failures",
            "JVM CPU s",
            "server CPU s"),
        rows,
        List.of(false, false, true, true, true, true, true, true, true, true));
  }

  private static List<String> oltpRow(String first, String second, OltpMeasurement m) {
    if (m == null || !m.ok()) {
      return List.of(
          first, second, m == null ? "not run" : "error: " + m.error(), "", "", "", "", "", "", "");
    }
    return List.of(
        first,
        second,
        ms(m.tps()),
        ms(m.p50Millis()),
        ms(m.p95Millis()),
        ms(m.p99Millis()),
        count(m.completed()),
        count(m.failures()),
        cpu(m.jvmCpuSeconds()),
        cpu(m.serverCpuSeconds()));
  }

  private static Block.Table sweepTable(BenchResults r) {
    List<List<String>> rows = new ArrayList<>();
    ScaleRun first = r.scales().get(0);
    for (ScaleRun run : r.scales()) {
      for (String engine : List.of("postgres", "duckdb")) {
        double total = Why.total(run, engine);
        double base = Why.total(first, engine);
        if (total > 0) {
          rows.add(
              List.of(
                  fmtScale(run.scale()),
                  engine,
                  ms(total),
                  base > 0 ? fmtRatio(total / base) + "×" : ""));
        }
      }
    }
    return new Block.Table(
        List.of("scale", "engine", "catalog, summed median ms", "vs first scale"),
        rows,
        List.of(false, false, true, true));
  }

  private static Block.Table htapTable(BenchResults r) {
    List<List<String>> rows = new ArrayList<>();
    for (HtapCase c : r.htap()) {
      List<String> row = new ArrayList<>(oltpRow(c.label(), c.olapEngine(), c.oltp()));
      row.add(Long.toString(c.olapQueries()));
      row.add(c.note() == null ? "" : c.note());
      rows.add(row);
    }
    return new Block.Table(
        List.of(
            "case",
            "OLAP on",
            "OLTP tx/s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "transactions",
            "failures",
            "JVM CPU s",
            "server CPU s",
            "OLAP queries meanwhile",
            "note"),
        rows,
        List.of(false, false, true, true, true, true, true, true, true, true, true, false));
  }

  static String fmtScale(double scale) {
    return scale == Math.rint(scale)
        ? Long.toString((long) scale)
        : String.valueOf(scale).replaceAll("0+$", "");
  }

  static String ms(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return v >= 100 ? String.format(Locale.US, "%.0f", v) : String.format(Locale.US, "%.2f", v);
  }

  static String cpu(double seconds) {
    return Double.isNaN(seconds) ? "n/a" : String.format(Locale.US, "%.2f", seconds);
  }

  static String fmtRatio(double v) {
    return v >= 10 ? String.format(Locale.US, "%.0f", v) : String.format(Locale.US, "%.1f", v);
  }

  static String count(long n) {
    return NumberFormat.getIntegerInstance(Locale.US).format(n);
  }
}
