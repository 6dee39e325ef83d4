package lab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import lab.cli.LabCommand;
import lab.config.LabSettings;
import lab.services.LocalLab;
import lab.verify.Reconciler;
import lab.verify.WarehouseReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab bench} measures the star built from the shop it measures: on a lab with no warehouse
 * it loads the shop, runs the real pipeline (CDC + Spark ETL) until the warehouse reconciles with
 * the shop, stops it, and only then runs the catalog on DuckDB.
 */
class BenchBuildsTheStarIT {

  @TempDir Path home;

  @Test
  void theBenchBringsTheStarUpToTheShopBeforeReadingIt() throws Exception {
    LabSettings settings = TestLab.settings(home);
    LocalLab lab = TestLab.up(settings);
    try {
      Path report = home.resolve("report");
      String[] quick = {
        "--scale",
        "0.001",
        "--repeats",
        "1",
        "--warmup",
        "1",
        "--oltp-seconds",
        "1",
        "--clients",
        "1",
        "--skip-htap",
        "--star-timeout",
        "240",
        "--only",
        "q1_1,monthly_revenue",
        "--out",
        report.toString()
      };

      String first = bench(settings, quick);

      assertThat(first)
          .contains("loading a shop of scale 0.001")
          .contains("the star: there is none yet; bringing it up to date with the pipeline")
          .contains("the star reconciles with the shop, after")
          .contains("OLAP catalog on duckdb");
      assertThat(lab.pipeline().etl()).as("the bench stops the ETL it started").isEmpty();
      assertThat(lab.pipeline().cdc()).as("and the capture").isEmpty();
      assertThat(Files.readString(report.resolve("report.md")))
          .contains("| q1_1 | Q1.1 | duckdb |")
          .contains("| monthly_revenue | business | duckdb |")
          .contains("the warehouse, brought up to the shop by the pipeline in");
      // The OLTP mix ran after the catalog and wrote to the shop: the star is behind it now.
      try (Connection shop = lab.postgres().connectShop();
          WarehouseReader.Opened wh = WarehouseReader.open(settings, false)) {
        assertThat(Reconciler.reconcile(shop, wh.connection()).ok()).isFalse();
      }

      String second = bench(settings, quick);

      // Same scale: the shop is reused and the pipeline resumes from its saved positions.
      assertThat(second)
          .contains("the loaded shop matches scale 0.001, reused")
          .contains("the star: it does not match the shop (warehouse: ")
          .contains("the star reconciles with the shop, after");
    } finally {
      lab.down();
    }
  }

  /** Runs {@code lab bench}, requires exit code 0 and returns what it printed. */
  private static String bench(LabSettings settings, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      System.setProperty("lab.root", settings.root().toString()); // where the pipeline's jars are
      List<String> all = new ArrayList<>(List.of("--home", settings.home().toString()));
      all.addAll(TestLab.serverFlags(settings));
      all.add("bench");
      all.addAll(List.of(args));
      int code = LabCommand.execute(all.toArray(String[]::new));
      assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
      return out.toString(StandardCharsets.UTF_8);
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
      originalOut.print(out.toString(StandardCharsets.UTF_8));
    }
  }
}
