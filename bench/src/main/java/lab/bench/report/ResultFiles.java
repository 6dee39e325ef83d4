package lab.bench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
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

  private static final ObjectMapper JSON = new ObjectMapper();

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
            cell(m.medianMillis()),
            cell(m.p95Millis()),
            String.join(" ", m.millis().stream().map(ResultFiles::cell).toList()),
            cell(m.jvmCpuSeconds()),
            cell(m.serverCpuSeconds()),
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
        cell(m.p95Millis()),
        "",
        cell(m.jvmCpuSeconds()),
        cell(m.serverCpuSeconds()),
        "",
        "",
        "",
        "",
        cell(m.tps()),
        cell(m.p50Millis()),
        cell(m.p99Millis()),
        m.completed(),
        m.failures(),
        olap,
        m.error());
  }

  /** A measurement in a CSV cell: as in results.json, empty where not measurable. */
  private static String cell(double v) {
    BigDecimal n = num(v);
    return n == null ? "" : n.toPlainString();
  }

  private static void row(StringBuilder b, Object... values) {
    List<String> cells = new ArrayList<>();
    for (Object v : values) {
      String s = v == null ? "" : v instanceof Double d ? cell(d) : String.valueOf(v);
      cells.add(s.matches(".*[,\"\n].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s);
    }
    b.append(String.join(",", cells)).append('\n');
  }

  static String json(BenchResults r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("started_at", r.startedAt().toString());
    ObjectNode settings = root.putObject("settings");
    r.settings().scales().forEach(settings.putArray("scales")::add);
    settings.put("repeats", r.settings().repeats());
    settings.put("warmup", r.settings().warmup());
    settings.put("oltp_seconds", r.settings().oltpSeconds());
    settings.put("clients", r.settings().clients());
    strings(root.putArray("queries"), r.queryIds());
    strings(root.putArray("notes"), r.notes());
    ArrayNode scales = root.putArray("scales");
    for (ScaleRun s : r.scales()) {
      ObjectNode scale = scales.addObject();
      scale.putPOJO("scale", num(s.scale()));
      scale.put("shop", s.shop());
      scale.put("shop_order_lines", s.shopOrderLines());
      scale.put("star_fact_rows", s.starFactRows());
      ArrayNode olap = scale.putArray("olap");
      s.olap().forEach(m -> query(olap.addObject(), m));
      ArrayNode oltp = scale.putArray("oltp");
      s.oltp().forEach(m -> oltp(oltp.addObject(), m));
    }
    ArrayNode htap = root.putArray("htap");
    for (HtapCase c : r.htap()) {
      ObjectNode h = htap.addObject();
      h.put("case", c.label());
      h.put("olap_engine", c.olapEngine());
      h.put("olap_queries", c.olapQueries());
      h.put("note", c.note());
      if (c.oltp() == null) {
        h.putNull("oltp");
      } else {
        oltp(h.putObject("oltp"), c.oltp());
      }
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write results.json", e);
    }
  }

  private static void query(ObjectNode q, QueryMeasurement m) {
    q.put("query", m.queryId());
    q.put("flight", m.flight());
    q.put("engine", m.engine());
    q.put("rows", m.rows());
    q.put("checksum", m.checksum());
    q.putPOJO("median_ms", num(m.medianMillis()));
    q.putPOJO("p95_ms", num(m.p95Millis()));
    ArrayNode runs = q.putArray("runs_ms");
    m.millis().forEach(ms -> runs.addPOJO(num(ms)));
    q.putPOJO("jvm_cpu_s", num(m.jvmCpuSeconds()));
    q.putPOJO("server_cpu_s", num(m.serverCpuSeconds()));
    strings(q.putArray("joins"), m.plan().joins());
    q.put("plan_error", m.plan().error());
    ArrayNode tables = q.putArray("tables");
    for (TableRead t : m.plan().tables()) {
      ObjectNode table = tables.addObject();
      table.put("table", t.table());
      table.put("access", t.access());
      table.put("rows_scanned", t.rowsScanned());
      table.put("columns_in_table", t.columnsInTable());
      strings(table.putArray("columns_read"), t.columnsRead());
      strings(table.putArray("columns_used"), t.columnsUsed());
    }
    q.put("error", m.error());
  }

  private static void oltp(ObjectNode o, OltpMeasurement m) {
    o.put("engine", m.engine());
    o.put("label", m.label());
    o.put("clients", m.clients());
    o.putPOJO("seconds", num(m.seconds()));
    o.put("transactions", m.completed());
    o.put("failures", m.failures());
    o.putPOJO("tps", num(m.tps()));
    o.putPOJO("p50_ms", num(m.p50Millis()));
    o.putPOJO("p95_ms", num(m.p95Millis()));
    o.putPOJO("p99_ms", num(m.p99Millis()));
    o.putPOJO("jvm_cpu_s", num(m.jvmCpuSeconds()));
    o.putPOJO("server_cpu_s", num(m.serverCpuSeconds()));
    o.put("error", m.error());
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  /** A measurement as a JSON number: whole, or to 4 decimals; null for NaN (not measurable). */
  static BigDecimal num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return null;
    }
    BigDecimal d = BigDecimal.valueOf(v);
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? d.setScale(0, RoundingMode.UNNECESSARY)
        : d.setScale(4, RoundingMode.HALF_EVEN);
  }
}
