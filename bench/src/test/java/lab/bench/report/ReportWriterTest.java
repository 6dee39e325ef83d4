package lab.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import lab.bench.BenchResults;
import lab.bench.BenchSettings;
import lab.bench.HtapCase;
import lab.bench.OltpMeasurement;
import lab.bench.PlanFacts;
import lab.bench.QueryMeasurement;
import lab.bench.ScaleRun;
import lab.bench.TableRead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  @TempDir Path dir;

  private static final List<String> ORDERS_COLUMNS =
      List.of("order_id", "customer_id", "status", "ordered_at", "channel_id");

  @Test
  void writesEveryFileWithEveryQueryAndEngineAndChartsInline() throws Exception {
    BenchResults r = twoScalesWithHtap();

    List<Path> files = ReportWriter.write(r, dir);

    assertThat(files.stream().map(p -> p.getFileName().toString()))
        .contains(
            "report.md",
            "report.html",
            "results.json",
            "results.csv",
            "latency_per_query.png",
            "oltp_tps.png",
            "scale_sweep.png",
            "htap_p99.png",
            "htap_tps.png");
    for (Path png : files.stream().filter(p -> p.toString().endsWith(".png")).toList()) {
      byte[] bytes = Files.readAllBytes(png);
      assertThat(bytes).as(png.toString()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N');
    }
    String md = read("report.md");
    assertThat(md)
        .contains("| q1_1 | Q1.1 | postgres |")
        .contains("| q1_1 | Q1.1 | duckdb |")
        .contains("| q2_1 | Q2.1 | duckdb |")
        .contains(
            "q1_1: DuckDB read 3 of 18 columns of fact_sales (10,000 rows), 10,000 rows scanned in 1 table scan,")
        .contains("PostgreSQL read every column (5) of orders (10,000 rows) because a row store")
        .contains("DuckDB was 10.0× faster")
        .contains("From scale 0.1 to 1 (10× the data)")
        .contains("HTAP: the OLTP mix alone on PostgreSQL had p99 5.00 ms at 500 tx/s")
        .contains(
            "OLTP + OLAP on PostgreSQL (12 catalog queries ran meanwhile): p99 20.00 ms (+300 %)");
    String html = read("report.html");
    assertThat(html)
        .contains("data:image/png;base64,iVBOR")
        .doesNotContain("http://")
        .doesNotContain("https://")
        .contains("<td>q2_1</td>");
    JsonNode json = new ObjectMapper().readTree(read("results.json"));
    JsonNode firstQuery = json.at("/scales/0/olap/0");
    assertThat(firstQuery.get("query").asText()).isEqualTo("q1_1");
    assertThat(firstQuery.at("/tables/0/columns_read/0").asText()).isEqualTo("order_id");
    assertThat(firstQuery.at("/tables/0/columns_read/1").asText()).isEqualTo("customer_id");
    assertThat(json.findValuesAsText("case")).contains("OLTP + OLAP on DuckDB");
    List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
    assertThat(csv.get(0)).startsWith("kind,scale,query,flight,engine");
    // 2 scales x (2 queries x 2 engines + 2 OLTP runs) + 3 HTAP cases
    assertThat(csv).hasSize(1 + 2 * (4 + 2) + 3);
  }

  private String read(String name) throws Exception {
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  private static BenchResults twoScalesWithHtap() {
    BenchSettings settings =
        new BenchSettings(List.of(0.1, 1.0), 3, 1, 5, 2, Path.of("out"), false, List.of());
    List<ScaleRun> scales = List.of(scale(0.1, 1), scale(1.0, 10));
    List<HtapCase> htap =
        List.of(
            new HtapCase("OLTP alone", "none", oltp("postgres", 500, 5), 0, null),
            new HtapCase(
                "OLTP + OLAP on PostgreSQL", "postgres", oltp("postgres", 250, 20), 12, null),
            new HtapCase("OLTP + OLAP on DuckDB", "duckdb", oltp("postgres", 480, 6), 300, null));
    return new BenchResults(
        Instant.parse("2026-11-27T23:00:00Z"),
        settings,
        List.of("q1_1", "q2_1"),
        scales,
        htap,
        List.of("DuckDB star: test"));
  }

  private static ScaleRun scale(double scale, double factor) {
    long rows = (long) (1_000 * factor) / 10 * 10;
    return new ScaleRun(
        scale,
        "100 orders",
        rows,
        rows,
        List.of(
            query("q1_1", "Q1.1", "postgres", scale, 10 * factor, pgPlan(rows)),
            query("q1_1", "Q1.1", "duckdb", scale, factor, duckPlan(rows)),
            query("q2_1", "Q2.1", "postgres", scale, 20 * factor, pgPlan(rows)),
            query("q2_1", "Q2.1", "duckdb", scale, 2 * factor, duckPlan(rows))),
        List.of(oltp("postgres", 500, 5), oltp("duckdb", 120, 40)));
  }

  private static PlanFacts pgPlan(long rows) {
    return new PlanFacts(
        List.of(new TableRead("orders", "Seq Scan", rows, ORDERS_COLUMNS, List.of("status"), 5)),
        List.of("Hash Join"),
        null);
  }

  private static PlanFacts duckPlan(long rows) {
    List<String> read = List.of("date_key", "quantity", "net_amount");
    return new PlanFacts(
        List.of(new TableRead("fact_sales", "columnar scan", rows, read, read, 18)),
        List.of("HASH_JOIN"),
        null);
  }

  private static QueryMeasurement query(
      String id, String flight, String engine, double scale, double ms, PlanFacts plan) {
    return new QueryMeasurement(
        id, flight, engine, scale, List.of(ms, ms, ms * 2), 0.5, Double.NaN, 3, "abc", plan, null);
  }

  private static OltpMeasurement oltp(String engine, double tps, double p99) {
    return new OltpMeasurement(
        engine, 1, "alone", 2, 5, (long) (tps * 5), 0, tps, p99 / 4, p99 / 2, p99, 1.5, 2.0, null);
  }
}
