package lab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import lab.cli.LabCommand;
import lab.config.LabSettings;
import lab.services.LocalLab;
import lab.warehouse.schema.StarSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lab query} against a real PostgreSQL shop and a real DuckDB warehouse file. */
class QueryCommandIT {

  @TempDir static Path home;
  private static LabSettings settings;
  private static LocalLab lab;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalOut;
  private PrintStream originalErr;

  @BeforeAll
  static void startPostgresAndBuildAWarehouse() throws Exception {
    settings = TestLab.settings(home);
    lab = new LocalLab(settings);
    lab.postgres().start();
    lab.postgres().recreateShopDatabase();
    Files.createDirectories(settings.warehouseFile().getParent());
    // Closed before the tests: DuckDB refuses a second, read-only opening of a file held open.
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + settings.warehouseFile());
        Statement st = c.createStatement()) {
      StarSchema.create(c);
      st.execute(
          "INSERT INTO cur_customers (customer_id, email, full_name, country, created_at,"
              + " source_lsn, is_deleted) VALUES"
              + " (1, 'ada@example.org', 'Ada Lovelace', 'GB', TIMESTAMPTZ '2024-01-01 00:00:00Z',"
              + " 10, false),"
              + " (2, NULL, 'Grace Hopper', 'US', TIMESTAMPTZ '2024-01-02 00:00:00Z', 11, false)");
    }
  }

  @AfterAll
  static void stop() {
    if (lab != null) {
      lab.down();
    }
  }

  @BeforeEach
  void capture() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  @Test
  void postgresPrintsTheUrlAndTheResultTable() {
    int code = query("--engine", "postgres", "SELECT 1 AS one");

    assertThat(code).as(err()).isZero();
    assertThat(out().lines()).first().asString().startsWith("shop: jdbc:postgresql://");
    assertThat(out()).contains("one\n---\n  1\n").containsPattern("1 row in \\d+\\.\\d ms");
  }

  @Test
  void aPostgresSyntaxErrorPrintsTheMessageWithItsPositionAndNoStackTrace() {
    int code = query("--engine", "postgres", "SELEC 1");

    assertThat(code).isEqualTo(1);
    assertThat(err())
        .startsWith("error: ")
        .contains("syntax error")
        .contains("Position: 1")
        .doesNotContain("\tat ");
  }

  @Test
  void postgresRefusesAWriteBecauseTheTransactionIsReadOnly() {
    int code = query("--engine", "postgres", "CREATE TABLE scratch (i int)");

    assertThat(code).isEqualTo(1);
    assertThat(err()).contains("read-only transaction");
  }

  @Test
  void duckdbReadsTheWarehouseFileAndSaysWhichAndHowOld() {
    int code = query("SELECT customer_id, email FROM cur_customers ORDER BY customer_id");

    assertThat(code).as(err()).isZero();
    assertThat(out())
        .startsWith("warehouse: " + settings.warehouseFile() + " (written ")
        .contains(" ago)\n")
        .contains(
            "customer_id | email\n"
                + "------------+----------------\n"
                + "          1 | ada@example.org\n"
                + "          2 | NULL\n")
        .containsPattern("2 rows in \\d+\\.\\d ms");
  }

  @Test
  void duckdbReadsTheSqlFromAFileAndCountsTheRowsNotShown() throws Exception {
    Path sql =
        Files.writeString(home.resolve("q.sql"), "SELECT full_name FROM cur_customers ORDER BY 1");

    int code = query("--file", sql.toString(), "--max-rows", "1");

    assertThat(code).as(err()).isZero();
    assertThat(out())
        .contains("Ada Lovelace\n... 1 more row not shown\n")
        .doesNotContain("Grace Hopper")
        .containsPattern("2 rows in \\d+\\.\\d ms");
  }

  @Test
  void aDuckdbSyntaxErrorPrintsTheParsersMessageAndNoStackTrace() {
    int code = query("SELEC 1");

    assertThat(code).isEqualTo(1);
    assertThat(err())
        .startsWith("error: ")
        .contains("Parser Error")
        .contains("syntax error")
        .contains("LINE 1: SELEC 1")
        .doesNotContain("\tat ");
  }

  @Test
  void duckdbRefusesAWriteBecauseTheWarehouseIsOpenedReadOnly() {
    int code = query("DELETE FROM cur_customers");

    assertThat(code).isEqualTo(1);
    assertThat(err()).startsWith("error: ").contains("read-only");
  }

  private static int query(String... args) {
    List<String> all = new ArrayList<>(List.of("--home", home.toString()));
    all.addAll(TestLab.serverFlags(settings));
    all.add("query");
    all.addAll(List.of(args));
    return LabCommand.execute(all.toArray(String[]::new));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8).strip();
  }
}
