package lab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import lab.services.LabException;
import lab.services.LocalLab;
import lab.services.Pipeline;
import lab.verify.WarehouseReader;
import lab.warehouse.schema.WarehouseChecksums;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lab etl --backfill}: rebuilds the warehouse from the earliest Kafka offsets with the same
 * transform and sink the stream uses, then compares it table by table with the streamed one.
 */
@Command(
    name = "etl",
    mixinStandardHelpOptions = true,
    description =
        "Batch runs of the ETL. --backfill rebuilds the warehouse from the earliest Kafka offsets"
            + " (same code as the stream) and compares its checksums with the streamed warehouse.")
final class EtlCommand implements Callable<Integer> {

  @ParentCommand LabCommand lab;

  @Option(
      names = "--backfill",
      required = true,
      description = "Rebuild from the earliest offsets of the change topics")
  boolean backfill;

  @Option(
      names = "--replace",
      description =
          "Afterwards, make the backfilled warehouse the lab's warehouse (the streaming ETL must"
              + " be stopped: ./lab pipeline stop)")
  boolean replace;

  @Option(
      names = "--sql-reference",
      description =
          "Then run the benchmark's reference: the same transform written as DuckDB SQL, over the"
              + " same topics, into its own file; check it built the same warehouse and print the"
              + " ratio of the two times")
  boolean sqlReference;

  @Override
  public Integer call() throws SQLException {
    LocalLab local = new LocalLab(lab.settings());
    Console console = new Console(System.out);
    Pipeline pipeline = local.pipeline();
    boolean streaming = pipeline.etl().isPresent();
    if (replace && streaming) {
      throw new LabException(
          "the streaming ETL holds the warehouse; stop it first (./lab pipeline stop), or run"
              + " the backfill without --replace to compare only");
    }
    if (!local.kafka().reachable(java.time.Duration.ofSeconds(3))) {
      throw new LabException(
          "Kafka does not answer at "
              + lab.settings().kafkaBootstrap()
              + "; start the services with ./lab up (the backfill reads the change topics)");
    }
    Path target = lab.settings().warehouseFile().resolveSibling("shop_star.backfill.duckdb");
    Path checkpoint = lab.settings().etlCheckpoint().resolveSibling("backfill-checkpoint");
    local.deleteTree(checkpoint);
    deleteQuietly(target);
    console.line("  backfill: reading every change topic from its earliest offset into " + target);
    console.line("  (log: " + pipeline.log("etl-backfill") + ")");
    long t0 = System.nanoTime();
    int code = pipeline.backfill(target, checkpoint);
    if (code != 0) {
      throw new LabException(
          "the backfill exited with code "
              + code
              + "; see "
              + pipeline.log("etl-backfill")
              + " (the lab's warehouse was not touched)");
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Backfilled backfilled = read(target);
    long records = backfilled.records();
    console.line(
        String.format(
            "  backfill done in %.1f s: %,d change records, %,.0f per second (Spark's start and"
                + " the first batch's code generation included; per-batch times in the log)",
            seconds, records, records / seconds));
    boolean same = compare(local, streaming, backfilled.checksums(), console);
    if (sqlReference) {
      same &= reference(local, backfilled, seconds, console);
    }
    if (replace) {
      try {
        Files.move(
            target,
            lab.settings().warehouseFile(),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
        deleteQuietly(lab.settings().warehouseSnapshot());
      } catch (IOException e) {
        throw new LabException("cannot move the backfilled warehouse in place: " + e, e);
      }
      console.line("  the backfilled warehouse is now the lab's warehouse");
    }
    return same ? 0 : 1;
  }

  private boolean compare(
      LocalLab local, boolean streaming, Map<String, String> backfilled, Console console)
      throws SQLException {
    Map<String, String> streamed;
    String source;
    try (WarehouseReader.Opened w = WarehouseReader.open(local.settings(), streaming)) {
      streamed = WarehouseChecksums.of(w.connection());
      source = w.source();
    } catch (LabException e) {
      console.line("  nothing to compare with: " + e.getMessage());
      return true;
    }
    console.line("  streamed warehouse: " + source);
    console.line(String.format("  %-26s %-14s %s", "TABLE", "ROWS", "STREAMED vs BACKFILLED"));
    TreeSet<String> tables = new TreeSet<>(backfilled.keySet());
    tables.addAll(streamed.keySet());
    int differing = 0;
    for (String t : tables) {
      String s = streamed.getOrDefault(t, "(absent)");
      String b = backfilled.getOrDefault(t, "(absent)");
      boolean equal = s.equals(b);
      differing += equal ? 0 : 1;
      console.line(
          String.format(
              "  %-26s %-14s %s",
              t, b.split(" rows ")[0], equal ? "identical" : "DIFFER: " + s + " | " + b));
    }
    console.line(
        differing == 0
            ? "  identical: the backfill and the stream built the same warehouse"
            : "  "
                + differing
                + " table(s) differ (changes made after the streamed snapshot differ legitimately:"
                + " compare on a caught-up, quiet pipeline)");
    return differing == 0;
  }

  /**
   * Runs the DuckDB-SQL reference into its own file, compares it table by table with the Spark
   * backfill, and prints both times and their ratio.
   */
  private boolean reference(LocalLab local, Backfilled spark, double sparkSeconds, Console console)
      throws SQLException {
    Pipeline pipeline = local.pipeline();
    Path target = lab.settings().warehouseFile().resolveSibling("shop_star.sql-reference.duckdb");
    Path scratch = target.resolveSibling("sql-reference.scratch.duckdb");
    deleteQuietly(target);
    console.line(
        "  sql reference: the same topics, transformed with DuckDB SQL instead of Spark, into "
            + target);
    console.line("  (log: " + pipeline.log("etl-sql-reference") + ", with the time of each phase)");
    long t0 = System.nanoTime();
    int code = pipeline.backfillSql(target, scratch);
    if (code != 0) {
      throw new LabException(
          "the SQL reference exited with code "
              + code
              + "; see "
              + pipeline.log("etl-sql-reference"));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Backfilled sql = read(target);
    console.line(
        String.format(
            "  sql reference done in %.1f s: %,d change records, %,.0f per second",
            seconds, sql.records(), sql.records() / seconds));
    List<String> differing = new ArrayList<>();
    for (String t : new TreeSet<>(spark.checksums().keySet())) {
      if (!spark.checksums().get(t).equals(sql.checksums().get(t))) {
        differing.add(t);
      }
    }
    if (!sql.checksums().keySet().equals(spark.checksums().keySet())) {
      differing.add("(the table lists)");
    }
    console.line(
        differing.isEmpty()
            ? "  identical: Spark and the SQL reference built the same warehouse ("
                + spark.checksums().size()
                + " tables)"
            : "  DIFFER from the Spark backfill: " + String.join(", ", differing));
    console.line(
        String.format(
            "  Spark backfill %.1f s / SQL reference %.1f s = %.2fx",
            sparkSeconds, seconds, sparkSeconds / seconds));
    return differing.isEmpty();
  }

  /** What the backfill built: the records its ledger counts as applied, its tables' checksums. */
  private record Backfilled(long records, Map<String, String> checksums) {}

  private static Backfilled read(Path file) throws SQLException {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file, readOnly);
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs =
            s.executeQuery("SELECT coalesce(sum(events), 0) FROM etl_batch_ledger")) {
      rs.next();
      return new Backfilled(rs.getLong(1), WarehouseChecksums.of(c));
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".wal"));
    } catch (IOException e) {
      throw new LabException("cannot delete " + file + ": " + e.getMessage(), e);
    }
  }
}
