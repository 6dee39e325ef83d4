package lab.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lab.bench.BenchResults;
import lab.bench.HtapCase;
import lab.bench.OltpMeasurement;
import lab.bench.QueryMeasurement;
import lab.bench.ScaleRun;
import lab.bench.TableRead;

/**
 * The measurements as results.json (everything, nested) and results.csv (one row a measurement).
 */
final class ResultFiles {

  static final String CSV_HEADER =
      "kind,scale,query,flight,engine,label,rows,checksum,median_ms,p95_ms,runs_ms,jvm_cpu_s,"
          + "server_cpu_s,rows_scanned,columns_read,columns_in_tables,joins,tps,p50_ms,p99_ms,"
          + "transactions,failures,olap_queries,error";

  private ResultFiles() {}

  static String csv(BenchResults r) {
    StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
    for (ScaleRun s : r.scales()) {
      for (QueryMeasurement m : s.olap()) {
        row(
            b,
            "olap",
            Report.fmtScale(s.scale()),
            m.queryId(),
            m.flight(),
            m.engine(),
            "",
            m.rows(),
            m.checksum(),
            num(m.medianMillis()),
            num(m.p95Millis()),
            String.join(" ", m.millis().stream().map(ResultFiles::num).toList()),
            num(m.jvmCpuSeconds()),
            num(m.serverCpuSeconds()),
            m.plan().rowsScanned(),
            m.plan().columnsRead(),
            m.plan().columnsInTables(),
            m.plan().joinStrategy(),
            "",
            "",
            "",
            "",
            "",
            "",
            m.error());
      }
      for (OltpMeasurement m : s.oltp()) {
        oltp(b, "oltp", s.scale(), m, "", m.label());
      }
    }
    for (HtapCase c : r.htap()) {
      if (c.oltp() != null) {
        oltp(b, "htap", c.oltp().scale(), c.oltp(), Long.toString(c.olapQueries()), c.label());
      }
    }
    return b.toString();
  }

  private static void oltp(
      StringBuilder b, String kind, double scale, OltpMeasurement m, String olap, String label) {
    row(
        b,
        kind,
        scale,
        "",
        "",
        m.engine(),
        label,
        "",
        "",
        "",
        num(m.p95Millis()),
        "",
        num(m.jvmCpuSeconds()),
        num(m.serverCpuSeconds()),
        "",
        "",
        "",
        "",
        num(m.tps()),
        num(m.p50Millis()),
        num(m.p99Millis()),
        m.completed(),
        m.failures(),
        olap,
        m.error());
  }

  private static void row(StringBuilder b, Object... values) {
    List<String> cells = new ArrayList<>();
    for (Object v : values) {
      String s = v == null ? "" : v instanceof Double d ? num(d) : String.valueOf(v);
      cells.add(s.matches(".*[,\"\n].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s);
    }
    b.append(String.join(",", cells)).append('\n');
  }

  static String json(BenchResults r) {
    StringBuilder b = new StringBuilder("{\n");
    b.append("  \"started_at\": ").append(str(r.startedAt().toString())).append(",\n");
    b.append("  \"settings\": {\"scales\": ").append(r.settings().scales());
    b.append(", \"repeats\": ").append(r.settings().repeats());
    b.append(", \"warmup\": ").append(r.settings().warmup());
    b.append(", \"oltp_seconds\": ").append(r.settings().oltpSeconds());
    b.append(", \"clients\": ").append(r.settings().clients()).append("},\n");
    b.append("  \"queries\": [")
        .append(String.join(", ", r.queryIds().stream().map(ResultFiles::str).toList()));
    b.append("],\n  \"notes\": [");
    b.append(String.join(", ", r.notes().stream().map(ResultFiles::str).toList())).append("],\n");
    b.append("  \"scales\": [\n");
    List<String> scales = new ArrayList<>();
    for (ScaleRun s : r.scales()) {
      StringBuilder sb = new StringBuilder("    {\"scale\": ").append(num(s.scale()));
      sb.append(", \"shop\": ").append(str(s.shop()));
      sb.append(", \"shop_order_lines\": ").append(s.shopOrderLines());
      sb.append(", \"star_fact_rows\": ").append(s.starFactRows());
      sb.append(",\n     \"olap\": [\n");
      sb.append(String.join(",\n", s.olap().stream().map(ResultFiles::query).toList()));
      sb.append("],\n     \"oltp\": [\n");
      sb.append(String.join(",\n", s.oltp().stream().map(ResultFiles::oltp).toList()));
      sb.append("]}");
      scales.add(sb.toString());
    }
    b.append(String.join(",\n", scales)).append("],\n  \"htap\": [\n");
    List<String> cases = new ArrayList<>();
    for (HtapCase c : r.htap()) {
      cases.add(
          "      {\"case\": "
              + str(c.label())
              + ", \"olap_engine\": "
              + str(c.olapEngine())
              + ", \"olap_queries\": "
              + c.olapQueries()
              + ", \"note\": "
              + str(c.note())
              + ", \"oltp\": "
              + (c.oltp() == null ? "null" : oltp(c.oltp()).strip())
              + "}");
    }
    return b.append(String.join(",\n", cases)).append("]\n}\n").toString();
  }

  private static String query(QueryMeasurement m) {
    List<String> tables = new ArrayList<>();
    for (TableRead t : m.plan().tables()) {
      tables.add(
          "{\"table\": "
              + str(t.table())
              + ", \"access\": "
              + str(t.access())
              + ", \"rows_scanned\": "
              + t.rowsScanned()
              + ", \"columns_in_table\": "
              + t.columnsInTable()
              + ", \"columns_read\": "
              + strings(t.columnsRead())
              + ", \"columns_used\": "
              + strings(t.columnsUsed())
              + "}");
    }
    return "       {\"query\": "
        + str(m.queryId())
        + ", \"flight\": "
        + str(m.flight())
        + ", \"engine\": "
        + str(m.engine())
        + ", \"rows\": "
        + m.rows()
        + ", \"checksum\": "
        + str(m.checksum())
        + ", \"median_ms\": "
        + num(m.medianMillis())
        + ", \"p95_ms\": "
        + num(m.p95Millis())
        + ", \"runs_ms\": ["
        + String.join(", ", m.millis().stream().map(ResultFiles::num).toList())
        + "], \"jvm_cpu_s\": "
        + num(m.jvmCpuSeconds())
        + ", \"server_cpu_s\": "
        + num(m.serverCpuSeconds())
        + ", \"joins\": "
        + strings(m.plan().joins())
        + ", \"plan_error\": "
        + str(m.plan().error())
        + ", \"tables\": ["
        + String.join(", ", tables)
        + "], \"error\": "
        + str(m.error())
        + "}";
  }

  private static String oltp(OltpMeasurement m) {
    return String.format(
        Locale.US,
        "       {\"engine\": %s, \"label\": %s, \"clients\": %d, \"seconds\": %s,"
            + " \"transactions\": %d, \"failures\": %d, \"tps\": %s, \"p50_ms\": %s,"
            + " \"p95_ms\": %s, \"p99_ms\": %s, \"jvm_cpu_s\": %s, \"server_cpu_s\": %s,"
            + " \"error\": %s}",
        str(m.engine()),
        str(m.label()),
        m.clients(),
        num(m.seconds()),
        m.completed(),
        m.failures(),
        num(m.tps()),
        num(m.p50Millis()),
        num(m.p95Millis()),
        num(m.p99Millis()),
        num(m.jvmCpuSeconds()),
        num(m.serverCpuSeconds()),
        str(m.error()));
  }

  private static String strings(List<String> l) {
    return "[" + String.join(", ", l.stream().map(ResultFiles::str).toList()) + "]";
  }

  /** A JSON number, or null for NaN (not measurable here). */
  static String num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "null";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : String.format(Locale.US, "%.4f", v);
  }

  static String str(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
