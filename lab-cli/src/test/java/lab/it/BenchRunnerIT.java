package lab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lab.bench.catalog.CatalogQuery;
import lab.bench.catalog.QueryCatalog;
import lab.cli.LabCommand;
import lab.config.LabSettings;
import lab.services.LocalLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab bench} end to end at a tiny scale on a real PostgreSQL: it loads the shop itself, runs
 * the catalog on both engines (the DuckDB side on a star built from the ETL contract), the OLTP mix
 * on both engines and the HTAP cases, and writes every report file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BenchRunnerIT {

  @TempDir static Path home;
  private static LabSettings settings;
  private static LocalLab lab;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void postgresWithAnEmptyShopDatabase() {
    settings = TestLab.settings(home);
    lab = new LocalLab(settings);
    lab.postgres().start();
    lab.postgres().recreateShopDatabase();
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.down();
    }
  }

  @Test
  @Order(1)
  void badOptionsFailInOneLineWithExitTwoAndTouchNothing() {
    Path report = home.resolve("never");

    assertThat(bench("--repeats", "0", "--out", report.toString())).isEqualTo(2);
    assertThat(err()).isEqualTo("error: --repeats must be between 1 and 1000, got 0");
    assertThat(bench("--only", "q1_1,q9_9", "--out", report.toString())).isEqualTo(2);
    assertThat(err()).startsWith("error: --only: no catalog query q9_9 (there are q1_1");
    assertThat(bench("--scale", "0.1", "--scales", "0.1,1")).isEqualTo(2);
    assertThat(bench("--scales", "0.1,x")).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "error: Invalid value for option '--scales' (SCALE): 'x' is not a double"
                + " (see ./lab bench --help)");

    assertThat(report).doesNotExist();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  @Order(2)
  void withoutAWarehouseItSaysSoSkipsDuckDbOlapAndStillReports() throws Exception {
    Path report = home.resolve("report-no-star");

    int code =
        bench(
            "--scale",
            "0.001",
            "--repeats",
            "2",
            "--warmup",
            "1",
            "--oltp-seconds",
            "1",
            "--clients",
            "2",
            "--skip-htap",
            "--star",
            "as-is",
            "--only",
            "q1_1,monthly_revenue",
            "--out",
            report.toString());

    assertThat(code).as(err()).isZero();
    assertThat(out())
        .contains("loading a shop of scale 0.001")
        .contains("OLAP on duckdb skipped: no warehouse at " + settings.warehouseFile())
        .contains("report: " + report.resolve("report.html"));
    String md = Files.readString(report.resolve("report.md"));
    assertThat(md)
        .contains("| q1_1 | Q1.1 | postgres |")
        .contains("| monthly_revenue | business | postgres |")
        .doesNotContain("| q1_1 | Q1.1 | duckdb |")
        .contains("DuckDB star at scale 0.001: no warehouse at");
  }

  @Test
  @Order(3)
  void onAStarAndTheLoadedShopItMeasuresEveryQueryOnBothEnginesAndWritesTheReport()
      throws Exception {
    EmptyStar.create(settings.warehouseFile());
    EmptyStar.addOneDeliveredOrder(settings.warehouseFile());
    Path report = home.resolve("report");

    int code =
        bench(
            "--scale",
            "0.001",
            "--repeats",
            "2",
            "--warmup",
            "1",
            "--oltp-seconds",
            "2",
            "--clients",
            "2",
            "--star",
            "as-is",
            "--out",
            report.toString());

    assertThat(code).as(err()).isZero();
    assertThat(out())
        .contains("the loaded shop matches scale 0.001, reused")
        .contains("OLAP catalog on duckdb")
        .contains("HTAP at scale 0.001: OLTP + OLAP on DuckDB");
    for (String file :
        List.of(
            "report.md",
            "report.html",
            "results.json",
            "results.csv",
            "latency_per_query.png",
            "oltp_tps.png",
            "scale_sweep.png",
            "htap_p99.png",
            "htap_tps.png")) {
      assertThat(report.resolve(file)).as(file).isNotEmptyFile();
    }
    String md = Files.readString(report.resolve("report.md"));
    String html = Files.readString(report.resolve("report.html"));
    List<String> csv = Files.readAllLines(report.resolve("results.csv"));
    for (CatalogQuery q : QueryCatalog.load().all()) {
      for (String engine : List.of("postgres", "duckdb")) {
        String row = "| " + q.id() + " | " + q.flightCode() + " | " + engine + " | ";
        assertThat(md).as(row).contains(row);
        assertThat(md.lines().filter(l -> l.startsWith(row)).findFirst().orElseThrow())
            .as(row)
            .doesNotContain("error:");
        assertThat(csv)
            .as(q.id() + " " + engine)
            .anyMatch(
                l -> l.startsWith("olap,0.001," + q.id() + ",") && l.contains("," + engine + ","));
      }
      assertThat(html).contains("<td>" + q.id() + "</td>");
    }
    assertThat(md)
        .contains("| 0.001 | postgres | ")
        .contains("| 0.001 | duckdb | ")
        .contains("| OLTP alone | none | ")
        .contains("| OLTP + OLAP on PostgreSQL | postgres | ")
        .contains("| OLTP + OLAP on DuckDB | duckdb | ")
        .contains(
            "the warehouse as it is (--star as-is): it does not match the shop (warehouse: 1 /")
        .contains("because a row store reads whole rows")
        .contains("HTAP: the OLTP mix alone on PostgreSQL had p99");
    assertThat(html)
        .contains("data:image/png;base64,")
        .doesNotContain("src=\"http")
        .doesNotContain("<script");
    JsonNode json = new ObjectMapper().readTree(report.resolve("results.json").toFile());
    assertThat(json.findValuesAsText("engine")).contains("duckdb", "postgres");
    assertThat(json.findValuesAsText("case")).contains("OLTP + OLAP on DuckDB");
  }

  private int bench(String... args) {
    out.reset();
    err.reset();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      List<String> all = new ArrayList<>(List.of("--home", home.toString()));
      all.addAll(TestLab.serverFlags(settings));
      all.add("bench");
      all.addAll(List.of(args));
      return LabCommand.execute(all.toArray(String[]::new));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
      originalOut.print(out.toString(StandardCharsets.UTF_8));
    }
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8).strip();
  }
}
