package lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad command lines fail fast, with one line that says what to do, before anything starts. */
class LabCommandTest {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureErr() {
    originalErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreErr() {
    System.setErr(originalErr);
  }

  @Test
  void aNegativeOrderCountIsRefusedNamingTheFlag() {
    int code = LabCommand.execute("--home", "/nonexistent/lab-home", "demo", "--orders", "-5");

    assertThat(code).isEqualTo(2);
    assertThat(err())
        .isEqualTo("error: orders must be between 1 and 100000000, got -5 (set --orders)");
  }

  @Test
  void absurdShopSettingsAreRefusedBeforeAnythingIsTouched() {
    assertThat(LabCommand.execute("--home", "/nonexistent/lab-home", "load", "--scale", "-1"))
        .isEqualTo(2);
    assertThat(err()).startsWith("error: --scale must be above 0 and at most 100");
    err.reset();
    assertThat(LabCommand.execute("load", "--profile", "tidy")).isEqualTo(2);
    assertThat(err()).isEqualTo("error: --profile must be clean or realistic, got 'tidy'");
    err.reset();
    assertThat(LabCommand.execute("load", "--messy", "formats,typos")).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "error: unknown messy-data switch 'typos'; known: missing-values, formats,"
                + " duplicates, late-references, bursts");
    err.reset();
    assertThat(LabCommand.execute("load", "--product-skew", "9")).isEqualTo(2);
    assertThat(err()).startsWith("error: --product-skew must be between 0 (uniform) and 3");
    err.reset();
    assertThat(LabCommand.execute("write", "--connections", "0")).isEqualTo(2);
    assertThat(err()).isEqualTo("error: --connections must be between 1 and 64, got 0");
  }

  @Test
  void aMeasuredWriteNeedsASetLengthPastItsWarmUpAndARunningPipeline(@TempDir Path home) {
    assertThat(LabCommand.execute("write", "--measure", "--until-stopped")).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "error: --measure needs a set length: use --live-seconds instead of --until-stopped");
    err.reset();
    assertThat(
            LabCommand.execute(
                "write", "--measure", "--live-seconds", "20", "--warm-up-seconds", "20"))
        .isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "error: --warm-up-seconds must be at least 0 and less than --live-seconds (20), got"
                + " 20");
    err.reset();
    assertThat(LabCommand.execute("--home", home.toString(), "write", "--measure"))
        .as("%s", err)
        .isEqualTo(1);
    assertThat(err())
        .isEqualTo(
            "error: --measure needs the running pipeline: the ETL records how fresh each change"
                + " is as it applies it. Start it with ./lab pipeline start");
  }

  @Test
  void anUnknownFlagPointsToHelp() {
    int code = LabCommand.execute("up", "--bogus");

    assertThat(code).isEqualTo(2);
    assertThat(err()).isEqualTo("error: Unknown option: '--bogus' (see ./lab up --help)");
  }

  @Test
  void aPortOutOfRangeNamesTheSettingAndTheEnvironmentVariable() {
    int code = LabCommand.execute("--pg-port", "80", "status");

    assertThat(code).isEqualTo(2);
    assertThat(err())
        .contains("--pg-port / LAB_PG_PORT must be a port between 1024 and 65535, got 80");
  }

  @Test
  void aSparkMasterOtherThanLocalOrStandaloneIsRefusedNamingTheSetting() {
    int code = LabCommand.execute("--spark-master", "yarn", "status");

    assertThat(code).isEqualTo(2);
    assertThat(err())
        .contains("--spark-master / LAB_SPARK_MASTER must be local[N] or spark://host:port")
        .contains("got 'yarn'");
  }

  @Test
  void aBadRateIsRefused() {
    int code = LabCommand.execute("demo", "--rate", "0");

    assertThat(code).isEqualTo(2);
    assertThat(err()).isEqualTo("error: --rate must be > 0 and <= 100000, got 0.0");
  }

  @Test
  void absurdOltpSettingsAreRefusedNamingTheFlag() {
    assertThat(LabCommand.execute("oltp", "--clients", "0")).isEqualTo(2);
    assertThat(err()).isEqualTo("error: clients must be between 1 and 256, got 0 (set --clients)");
    err.reset();

    assertThat(LabCommand.execute("oltp", "--seconds", "5", "--transactions", "10")).isEqualTo(2);
    assertThat(err())
        .startsWith(
            "error: --seconds=<seconds>, --transactions=<transactions> are mutually exclusive");
    err.reset();

    assertThat(LabCommand.execute("oltp", "--engine", "oracle")).isEqualTo(2);
    assertThat(err()).isEqualTo("error: --engine must be postgres, duckdb or both, got 'oracle'");
    err.reset();

    assertThat(LabCommand.execute("oltp", "--seconds", "-3")).isEqualTo(2);
    assertThat(err()).isEqualTo("error: --seconds must be > 0 and <= 86400, got -3");
  }

  @Test
  void absurdBenchSettingsAreRefusedNamingTheFlagBeforeAnythingIsWritten(@TempDir Path dir) {
    Path out = dir.resolve("report");
    String home = dir.resolve("home").toString();

    assertThat(
            LabCommand.execute("--home", home, "bench", "--warmup", "-1", "--out", out.toString()))
        .isEqualTo(2);
    assertThat(err()).isEqualTo("error: --warmup must be between 0 and 1000, got -1");
    err.reset();

    assertThat(LabCommand.execute("--home", home, "bench", "--oltp-seconds", "0")).isEqualTo(2);
    assertThat(err()).isEqualTo("error: --oltp-seconds must be between 1 and 3600, got 0");
    err.reset();

    assertThat(LabCommand.execute("--home", home, "bench", "--scales", "0.1,200")).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "error: --scale/--scales: each scale must be above 0 and at most 100, got 200.0");
    err.reset();

    assertThat(LabCommand.execute("--home", home, "bench", "--only", "q1_1,nope")).isEqualTo(2);
    assertThat(err()).startsWith("error: --only: no catalog query nope (there are q1_1, q1_2,");
    err.reset();

    assertThat(LabCommand.execute("--home", home, "bench", "--only", "q1_1, nope")).isEqualTo(2);
    assertThat(err()).startsWith("error: --only: no catalog query nope (");
    err.reset();

    assertThat(LabCommand.execute("--home", home, "bench", "--scale", "1", "--scales", "0.1,1"))
        .isEqualTo(2);
    assertThat(err()).contains("--scale=<scale>, --scales=SCALE are mutually exclusive");
    err.reset();

    assertThat(LabCommand.execute("--home", home, "bench", "--scales", "0.1,big")).isEqualTo(2);
    assertThat(err()).contains("--scales").contains("'big' is not a double");

    assertThat(out).doesNotExist();
    assertThat(dir.resolve("home")).doesNotExist();
  }

  @Test
  void aQueryNeedsExactlyOneOfTheSqlAndFile(@TempDir Path dir) throws IOException {
    Path sql = Files.writeString(dir.resolve("q.sql"), "SELECT 1");

    assertThat(
            LabCommand.execute(
                "--home", dir.toString(), "query", "SELECT 1", "--file", sql.toString()))
        .isEqualTo(2);
    assertThat(err()).isEqualTo("error: give the SQL as an argument or --file path.sql, not both");
    err.reset();

    assertThat(LabCommand.execute("--home", dir.toString(), "query")).isEqualTo(2);
    assertThat(err()).isEqualTo("error: give the SQL as an argument or --file path.sql");
    err.reset();

    Path missing = dir.resolve("missing.sql");
    assertThat(LabCommand.execute("--home", dir.toString(), "query", "--file", missing.toString()))
        .isEqualTo(2);
    assertThat(err()).isEqualTo("error: --file: there is no file " + missing);
  }

  @Test
  void aQueryRefusesAnUnknownEngineAndABadRowLimit(@TempDir Path dir) {
    assertThat(
            LabCommand.execute("--home", dir.toString(), "query", "--engine", "oracle", "SELECT 1"))
        .isEqualTo(2);
    assertThat(err()).isEqualTo("error: --engine must be duckdb or postgres, got 'oracle'");
    err.reset();

    assertThat(LabCommand.execute("--home", dir.toString(), "query", "--max-rows", "0", "SELECT 1"))
        .isEqualTo(2);
    assertThat(err()).isEqualTo("error: --max-rows must be between 1 and 100000, got 0");
  }

  @Test
  void aQueryBeforeTheWarehouseExistsSaysHowToBuildIt(@TempDir Path dir) {
    int code = LabCommand.execute("--home", dir.toString(), "query", "SELECT 1");

    assertThat(code).isEqualTo(1);
    assertThat(err())
        .startsWith("error: there is no warehouse at ")
        .endsWith("run ./lab demo or ./lab pipeline start to build it");
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8).strip();
  }
}
