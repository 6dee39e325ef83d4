package lab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import lab.bench.BenchResults;
import lab.bench.BenchRunner;
import lab.bench.BenchSettings;
import lab.bench.BenchTarget;
import lab.bench.catalog.CatalogQuery;
import lab.bench.catalog.QueryCatalog;
import lab.bench.oltp.ConnectionFactory;
import lab.bench.report.ReportWriter;
import lab.services.LabException;
import lab.services.LocalLab;
import lab.services.Pipeline;
import lab.shop.gen.ShopProfile;
import lab.shop.gen.ShopSize;
import lab.verify.Reconciliation;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lab bench}: the OLTP mix and the OLAP catalog on both engines, the scale sweep and the
 * HTAP interference test, written up as a report folder.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark OLTP against OLAP on PostgreSQL (the shop) and DuckDB (the star): the analytic"
          + " catalog with warm-up and repeats (median, p95, CPU, rows, checksum, what each engine"
          + " read), the OLTP mix on both engines, and OLTP beside OLAP (HTAP).",
      "Writes report.md, report.html, PNG charts, results.json and results.csv to --out."
    })
final class BenchCommand implements Callable<Integer> {

  static final double DEFAULT_SCALE = 0.01;

  @ParentCommand LabCommand lab;

  /** One scale, or a sweep of several: not both. */
  static final class Scales {
    @Option(
        names = "--scale",
        description =
            "Shop scale (1 = a million orders); a loaded shop of that scale is reused, else one is"
                + " loaded (default "
                + DEFAULT_SCALE
                + ")")
    Double scale;

    @Option(
        names = "--scales",
        split = ",",
        paramLabel = "SCALE",
        description = "Sweep these scales in order, e.g. 0.1,1, reloading the shop for each")
    List<Double> scales;
  }

  @ArgGroup(exclusive = true)
  Scales scaleOptions;

  @Option(
      names = "--repeats",
      defaultValue = "5",
      description = "Timed runs per query (default ${DEFAULT-VALUE})")
  int repeats;

  @Option(
      names = "--warmup",
      defaultValue = "1",
      description = "Untimed runs per query first (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(
      names = "--oltp-seconds",
      defaultValue = "10",
      description = "Measured seconds of each OLTP run and HTAP case (default ${DEFAULT-VALUE})")
  int oltpSeconds;

  @Option(
      names = "--clients",
      defaultValue = "4",
      description = "OLTP clients (default ${DEFAULT-VALUE})")
  int clients;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Report folder (default <lab home>/reports/bench-<timestamp>)")
  Path out;

  @Option(names = "--skip-htap", description = "Skip the HTAP interference cases")
  boolean skipHtap;

  @Option(
      names = "--only",
      split = ",",
      paramLabel = "QUERY",
      description = "Run only these catalog queries, e.g. q1_1,q2_1")
  List<String> only = List.of();

  @Option(
      names = "--star",
      defaultValue = "match",
      paramLabel = "match|as-is",
      description =
          "match: when the warehouse does not reconcile with the shop, bring it up to date with"
              + " the pipeline (CDC + Spark ETL) first, then stop the pipeline; as-is: read the"
              + " warehouse as it is and say whether it matches (default ${DEFAULT-VALUE})")
  String star;

  @Option(
      names = "--star-timeout",
      defaultValue = "3600",
      description =
          "Seconds to wait for the pipeline to bring the star up to the shop (default"
              + " ${DEFAULT-VALUE}; scale 1 takes about half an hour on 2 cores)")
  int starTimeoutSeconds;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of a shop the bench loads (default ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() throws SQLException, IOException {
    // Every option is checked before anything is started, loaded or written.
    LocalLab local = new LocalLab(lab.settings());
    Path dir = out != null ? out : defaultOut(local);
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--out: " + dir + " is a file, not a folder");
    }
    BenchSettings settings =
        new BenchSettings(scaleList(), repeats, warmup, oltpSeconds, clients, dir, skipHtap, only);
    List<CatalogQuery> queries = QueryCatalog.load().only(settings.only());
    settings.scales().forEach(ShopSize::ofScale);
    StarPolicy starPolicy = StarPolicy.parse(star);
    if (starTimeoutSeconds < 1) {
      throw new IllegalArgumentException("--star-timeout must be >= 1, got " + starTimeoutSeconds);
    }

    Console console = new Console(System.out);
    // One command on a fresh machine: PostgreSQL starts if it is not running, and Kafka too when
    // the star has to be built (bringUpToDate); both are left running for lab query and a next
    // pass. A bench that only reads an existing warehouse needs no Kafka.
    if (local.postgres().start()) {
      console.line("  postgres  " + local.postgres().address() + "  started");
    }
    console.line(
        "lab bench: "
            + queries.size()
            + " catalog queries, scales "
            + settings.scales()
            + ", "
            + repeats
            + " repeats after "
            + warmup
            + " warm-up, OLTP "
            + oltpSeconds
            + " s x "
            + clients
            + " clients"
            + (skipHtap ? ", no HTAP" : ", HTAP at the last scale"));
    BenchResults results =
        new BenchRunner(
                settings,
                new LabTarget(
                    local, seed, starPolicy, Duration.ofSeconds(starTimeoutSeconds), console),
                queries,
                console::line)
            .run();
    List<Path> files = ReportWriter.write(results, dir);
    console.line("report: " + dir.resolve("report.html"));
    console.line("  (the services stay up for ./lab query and a next pass; ./lab down stops them)");
    console.line(
        "  " + String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList()));
    return 0;
  }

  private List<Double> scaleList() {
    if (scaleOptions == null) {
      return List.of(DEFAULT_SCALE);
    }
    return scaleOptions.scale != null ? List.of(scaleOptions.scale) : scaleOptions.scales;
  }

  private static Path defaultOut(LocalLab local) {
    String stamp =
        LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return local.settings().home().resolve("reports").resolve("bench-" + stamp);
  }

  /** What the bench does with a warehouse that does not reconcile with the shop it measures. */
  enum StarPolicy {
    /** Bring it up to date with the pipeline first. */
    MATCH,
    /** Read it as it is, and say that it differs. */
    AS_IS;

    static StarPolicy parse(String option) {
      return switch (option) {
        case "match" -> MATCH;
        case "as-is" -> AS_IS;
        default ->
            throw new IllegalArgumentException(
                "--star must be match or as-is, got '" + option + "'");
      };
    }
  }

  /** The lab's shop, warehouse and files, as the benchmark needs them. */
  static final class LabTarget implements BenchTarget {
    private final LocalLab local;
    private final long seed;
    private final StarPolicy starPolicy;
    private final Duration starTimeout;
    private final Console console;

    LabTarget(
        LocalLab local, long seed, StarPolicy starPolicy, Duration starTimeout, Console console) {
      this.local = local;
      this.seed = seed;
      this.starPolicy = starPolicy;
      this.starTimeout = starTimeout;
      this.console = console;
    }

    @Override
    public String prepareShop(double scale, Consumer<String> progress) throws SQLException {
      ShopSize size = ShopSize.ofScale(scale);
      try (Connection c = VerifyCommand.connectShop(local)) {
        if (matches(c, size)) {
          return describe(c) + ", the loaded shop matches scale " + plain(scale) + ", reused";
        }
      }
      progress.accept(
          String.format(
              Locale.US,
              "  loading a shop of scale %s (seed %d, realistic profile; replaces the shop's"
                  + " data)",
              plain(scale),
              seed));
      LoadCommand.load(local, size, seed, ShopProfile.REALISTIC, true, console);
      try (Connection c = VerifyCommand.connectShop(local);
          Statement st = c.createStatement()) {
        // Fresh tables have no statistics until autovacuum gets to them; planned without them,
        // Q3.1 took 10.7 s at scale 0.1 instead of 1.1 s. Every bulk load ends with ANALYZE.
        progress.accept("  ANALYZE: table statistics for the planner");
        st.execute("ANALYZE");
        return describe(c) + ", loaded for scale " + plain(scale);
      }
    }

    /**
     * A loaded shop is of this scale if it has the scale's products and at least its customers and
     * orders. More orders are allowed: OLTP runs (this benchmark's too) and live writes add them,
     * and the report gives the count the queries saw.
     */
    static boolean matches(Connection c, ShopSize size) throws SQLException {
      if (!tableExists(c, "products") || !tableExists(c, "order_items")) {
        return false;
      }
      long products = count(c, "SELECT count(*) FROM products");
      long customers = count(c, "SELECT count(*) FROM customers");
      long orders = count(c, "SELECT count(*) FROM orders");
      return products == size.products()
          && customers >= size.customers()
          && orders >= size.orders();
    }

    private static String plain(double scale) {
      return java.math.BigDecimal.valueOf(scale).stripTrailingZeros().toPlainString();
    }

    private static String describe(Connection c) throws SQLException {
      return Console.count(count(c, "SELECT count(*) FROM orders")) + " orders";
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
      try (var ps =
          c.prepareStatement(
              "SELECT count(*) FROM information_schema.tables WHERE table_name = ?")) {
        ps.setString(1, table);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1) > 0;
        }
      }
    }

    @Override
    public ConnectionFactory postgres() {
      return new ConnectionFactory() {
        @Override
        public Connection open() throws SQLException {
          return local.postgres().connectShop();
        }

        @Override
        public String describe() {
          return local.postgres().address();
        }
      };
    }

    @Override
    public Star star(double scale, Consumer<String> progress) throws SQLException {
      if (local.pipeline().etl().isPresent()) {
        // The running ETL owns the warehouse; its snapshot is as fresh as the stream.
        return readable(
            local.settings().warehouseSnapshot(),
            "the snapshot the running ETL published (not reconciled with the shop: the stream"
                + " may be behind it)");
      }
      Optional<Reconciliation> before = CatchUp.tryReconcile(local, false);
      if (before.isPresent() && before.get().ok()) {
        return readable(
            local.settings().warehouseFile(), "the warehouse, reconciled with the shop");
      }
      String differs =
          before
              .map(r -> "it does not match the shop (" + CatchUp.describe(r) + ")")
              .orElse("there is none yet");
      if (starPolicy == StarPolicy.AS_IS) {
        return readable(
            local.settings().warehouseFile(),
            "the warehouse as it is (--star as-is): "
                + differs
                + ", so the engines' answers differ");
      }
      progress.accept(
          "  the star: "
              + differs
              + "; bringing it up to date with the pipeline (CDC + Spark ETL), then stopping it");
      Duration took = bringUpToDate();
      progress.accept("  the star reconciles with the shop, after " + Console.seconds(took));
      return readable(
          local.settings().warehouseFile(),
          "the warehouse, brought up to the shop by the pipeline in " + Console.seconds(took));
    }

    /** Runs the pipeline until the warehouse reconciles with the shop, then stops it. */
    private Duration bringUpToDate() throws SQLException {
      local.kafka().start();
      Pipeline pipeline = local.pipeline();
      boolean cdcWasRunning = pipeline.cdc().isPresent();
      try {
        pipeline.startEtl();
        if (!cdcWasRunning) {
          pipeline.startCdc(Pipeline.CdcOptions.DEFAULT);
        }
        return CatchUp.await(local, console, starTimeout, "--star-timeout");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LabException("interrupted while the pipeline built the star");
      } finally {
        // Stopping the ETL publishes its final state as the warehouse file; a capture that was
        // running before is left running.
        pipeline.stopEtl();
        if (!cdcWasRunning) {
          pipeline.stopCdc();
        }
      }
    }

    /** The file as the star to read, or why it cannot be read. */
    private static Star readable(Path file, String which) {
      if (!Files.isRegularFile(file)) {
        return new Star(
            null,
            "no warehouse at "
                + file
                + ", so the DuckDB OLAP side is skipped; let the bench build it (--star match) or"
                + " run ./lab pipeline start");
      }
      Properties readOnly = new Properties();
      readOnly.setProperty("duckdb.read_only", "true");
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file, readOnly);
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT count(*) FROM information_schema.tables"
                      + " WHERE table_name IN ('fact_sales', 'fact_order_fulfillment')")) {
        rs.next();
        if (rs.getLong(1) < 2) {
          return new Star(
              null,
              file
                  + " has no fact_sales / fact_order_fulfillment (it predates the star the catalog"
                  + " reads, STAR_CONTRACT.sql), so the DuckDB OLAP side is skipped");
        }
      } catch (SQLException e) {
        return new Star(
            null, "cannot open " + file + " (" + e.getMessage() + "); DuckDB OLAP side skipped");
      }
      return new Star(file, which + ": " + file);
    }

    @Override
    public Path duckDbShopFile() {
      return local.settings().home().resolve("bench").resolve("shop_oltp.duckdb");
    }

    private static long count(Connection c, String sql) throws SQLException {
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
