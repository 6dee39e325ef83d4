package lab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lab.bench.oltp.ConnectionFactory;
import lab.bench.oltp.CopySummary;
import lab.bench.oltp.DuckDbShop;
import lab.bench.oltp.DuckDbShopCopy;
import lab.bench.oltp.OltpConfig;
import lab.bench.oltp.OltpDialect;
import lab.bench.oltp.OltpProgress;
import lab.bench.oltp.OltpReport;
import lab.bench.oltp.OltpResult;
import lab.bench.oltp.OltpRunner;
import lab.bench.oltp.ShopNotReadyException;
import lab.services.LabException;
import lab.services.LocalLab;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lab oltp}: the TPC-C-like OLTP mix on PostgreSQL, on a DuckDB copy, or on both. */
@Command(
    name = "oltp",
    mixinStandardHelpOptions = true,
    description = {
      "Run a TPC-C-like OLTP mix (new order, payment, order status, delivery, stock check) with N"
          + " clients and report throughput and latency per transaction type.",
      "--engine duckdb runs the same transactions on a DuckDB copy of the shop, for the contrast."
    })
final class OltpCommand implements Callable<Integer> {

  static final int DEFAULT_SECONDS = 30;

  @ParentCommand LabCommand lab;

  @Option(
      names = "--engine",
      defaultValue = "postgres",
      description = "postgres, duckdb or both (default ${DEFAULT-VALUE})")
  String engine;

  @Option(
      names = "--clients",
      defaultValue = "4",
      description =
          "Concurrent clients, each with its own connection, 1..256 (default ${DEFAULT-VALUE})")
  int clients;

  /** How long each engine runs: for a time or for a number of transactions, not both. */
  static final class Length {
    @Option(
        names = "--seconds",
        description = "Measured seconds per engine (default " + DEFAULT_SECONDS + ")")
    Integer seconds;

    @Option(
        names = "--transactions",
        description = "Run this many transactions per engine instead of --seconds")
    Long transactions;
  }

  @ArgGroup(exclusive = true)
  Length length = new Length();

  @Option(
      names = "--warmup-seconds",
      defaultValue = "0",
      description =
          "Seconds run before measuring, left out of the figures (default ${DEFAULT-VALUE})")
  int warmupSeconds;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Random seed of the clients' choices (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--max-retries",
      defaultValue = "" + OltpConfig.DEFAULT_MAX_RETRIES,
      description =
          "Retries of a transaction aborted by a conflict or deadlock before it counts as failed"
              + " (default ${DEFAULT-VALUE})")
  int maxRetries;

  @Option(
      names = "--duckdb-file",
      description = "The DuckDB copy of the shop (default <lab home>/oltp/shop_oltp.duckdb)")
  Path duckdbFile;

  @Option(
      names = "--refresh-copy",
      description = "Copy the shop from PostgreSQL into DuckDB again, even if a copy exists")
  boolean refreshCopy;

  @Override
  public Integer call() throws SQLException {
    OltpConfig config = config();
    List<OltpDialect> engines = engines(engine);
    LocalLab local = new LocalLab(lab.settings());
    Console console = new Console(System.out);
    Path file = duckdbFile != null ? duckdbFile : local.settings().oltpDuckDbFile();
    if (engines.contains(OltpDialect.DUCKDB)) {
      prepareCopy(local, file, console);
    }
    List<OltpResult> results = new ArrayList<>();
    for (OltpDialect dialect : engines) {
      OltpResult r =
          dialect == OltpDialect.POSTGRES
              ? runPostgres(local, config, console)
              : runDuckDb(file, config, console);
      OltpReport.table(r).forEach(console::line);
      results.add(r);
    }
    if (results.size() == 2) {
      OltpReport.comparison(results.get(0), results.get(1)).forEach(console::line);
    }
    return results.stream().anyMatch(OltpResult::stoppedEarly) ? 1 : 0;
  }

  /** The run's settings from the flags; a bad value fails here, naming the flag. */
  OltpConfig config() {
    if (warmupSeconds < 0 || warmupSeconds > OltpConfig.MAX_WARMUP_SECONDS) {
      throw new IllegalArgumentException(
          "--warmup-seconds must be between 0 and "
              + OltpConfig.MAX_WARMUP_SECONDS
              + ", got "
              + warmupSeconds);
    }
    Duration warmup = Duration.ofSeconds(warmupSeconds);
    OltpConfig config;
    if (length.transactions != null) {
      config = OltpConfig.counted(clients, length.transactions, warmup, seed);
    } else {
      int s = length.seconds == null ? DEFAULT_SECONDS : length.seconds;
      if (s <= 0 || s > OltpConfig.MAX_SECONDS) {
        throw new IllegalArgumentException(
            "--seconds must be > 0 and <= " + OltpConfig.MAX_SECONDS + ", got " + s);
      }
      config = OltpConfig.timed(clients, Duration.ofSeconds(s), warmup, seed);
    }
    return config.withMaxRetries(maxRetries);
  }

  static List<OltpDialect> engines(String engine) {
    if ("both".equalsIgnoreCase(engine)) {
      return List.of(OltpDialect.POSTGRES, OltpDialect.DUCKDB);
    }
    try {
      return List.of(OltpDialect.of(engine));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--engine must be postgres, duckdb or both, got '" + engine + "'");
    }
  }

  private OltpResult runPostgres(LocalLab local, OltpConfig config, Console console)
      throws SQLException {
    ConnectionFactory factory =
        new ConnectionFactory() {
          @Override
          public Connection open() throws SQLException {
            return local.postgres().connectShop();
          }

          @Override
          public String describe() {
            return local.postgres().address();
          }
        };
    try {
      return run(OltpDialect.POSTGRES, factory, config, console);
    } catch (SQLException e) {
      throw VerifyCommand.unreachable(local, e);
    }
  }

  private OltpResult runDuckDb(Path file, OltpConfig config, Console console) throws SQLException {
    DuckDbShop duck;
    try {
      duck = DuckDbShop.open(file);
    } catch (SQLException e) {
      throw new LabException(
          "cannot open the DuckDB copy "
              + file
              + " ("
              + e.getMessage()
              + "); another process may hold it (DuckDB allows one writer), or copy again with"
              + " --refresh-copy");
    }
    try (duck) {
      return run(OltpDialect.DUCKDB, duck, config, console);
    }
  }

  private static OltpResult run(
      OltpDialect dialect, ConnectionFactory factory, OltpConfig config, Console console)
      throws SQLException {
    console.line(
        "running the OLTP mix on "
            + dialect.label()
            + " ("
            + factory.describe()
            + "): "
            + config.clients()
            + " clients, "
            + (config.counted()
                ? Console.count(config.transactions()) + " transactions"
                : Console.seconds(config.duration()))
            + (config.warmup().isZero()
                ? ""
                : " after " + Console.seconds(config.warmup()) + " warm-up")
            + ", seed "
            + config.seed());
    try {
      return new OltpRunner()
          .run(config, dialect, factory, p -> console.progress(describe(dialect, p)));
    } catch (ShopNotReadyException e) {
      throw new LabException(
          e.getMessage()
              + " on "
              + dialect.label()
              + "; the OLTP mix needs a full shop: load one with ./lab load"
              + (dialect == OltpDialect.DUCKDB ? ", then copy it again with --refresh-copy" : ""));
    }
  }

  static String describe(OltpDialect dialect, OltpProgress p) {
    return String.format(
        Locale.US,
        "%s %s: %s tx in %s (%.0f tx/s now), %s retries, %s failures",
        dialect.label(),
        p.warmingUp() ? "warming up" : "measuring",
        Console.count(p.completed()),
        Console.seconds(p.elapsed()),
        p.recentTps(),
        Console.count(p.retries()),
        Console.count(p.failures()));
  }

  /** Reuses the DuckDB copy, or makes one from PostgreSQL if asked or if there is none. */
  private void prepareCopy(LocalLab local, Path file, Console console) {
    if (Files.isRegularFile(file) && !refreshCopy) {
      console.line(
          "reusing the DuckDB copy "
              + file
              + " (made "
              + modified(file)
              + "; --refresh-copy copies the shop again)");
      return;
    }
    console.line("copying the shop from PostgreSQL into DuckDB: " + file);
    try (Connection pg = VerifyCommand.connectShop(local)) {
      CopySummary s =
          DuckDbShopCopy.copy(
              pg,
              file,
              (table, n) ->
                  console.progress("copying " + table + ": " + Console.count(n) + " rows"));
      console.line("  " + describe(s));
    } catch (SQLException | IOException e) {
      throw new LabException(
          "copying the shop into "
              + file
              + " failed ("
              + e.getMessage()
              + "); the old copy, if any, is untouched");
    }
  }

  static String describe(CopySummary s) {
    StringBuilder b = new StringBuilder();
    b.append(Console.count(s.totalRows()))
        .append(" rows in ")
        .append(Console.seconds(s.took()))
        .append(": ");
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Long> t : s.rowsPerTable().entrySet()) {
      if (t.getValue() > 0) {
        parts.add(t.getKey() + " " + Console.count(t.getValue()));
      }
    }
    return b.append(String.join(", ", parts)).toString();
  }

  private static String modified(Path file) {
    try {
      return Instant.ofEpochMilli(Files.getLastModifiedTime(file).toMillis()).toString();
    } catch (IOException e) {
      return "at an unknown time";
    }
  }
}
