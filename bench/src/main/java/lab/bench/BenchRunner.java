package lab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.Consumer;
import lab.bench.catalog.CatalogQuery;
import lab.bench.catalog.Engine;
import lab.bench.oltp.ConnectionFactory;
import lab.bench.oltp.DuckDbShop;
import lab.bench.oltp.DuckDbShopCopy;
import lab.bench.oltp.OltpConfig;
import lab.bench.oltp.OltpDialect;
import lab.bench.oltp.OltpResult;
import lab.bench.oltp.OltpRunner;

/**
 * Runs the benchmark: for each scale, the shop and the star built from it, the catalog on both
 * engines (OLAP first, while the shop is exactly as seeded), then the OLTP mix on PostgreSQL and on
 * a DuckDB copy of the shop; at the last scale the HTAP interference cases. Progress goes to a
 * consumer, one line per step.
 */
public final class BenchRunner {

  static final long OLTP_SEED = 1;

  private final BenchSettings settings;
  private final BenchTarget target;
  private final List<CatalogQuery> queries;
  private final Consumer<String> progress;
  private final List<String> notes = new ArrayList<>();

  public BenchRunner(
      BenchSettings settings,
      BenchTarget target,
      List<CatalogQuery> queries,
      Consumer<String> progress) {
    this.settings = settings;
    this.target = target;
    this.queries = List.copyOf(queries);
    this.progress = progress;
  }

  public BenchResults run() throws SQLException {
    Instant started = Instant.now();
    List<ScaleRun> runs = new ArrayList<>();
    BenchTarget.Star star = null;
    for (double scale : settings.scales()) {
      progress.accept(String.format(Locale.US, "scale %s: preparing the shop", fmt(scale)));
      String shop = target.prepareShop(scale, progress);
      progress.accept("scale " + fmt(scale) + ": the DuckDB star for this shop");
      star = target.star(scale, progress);
      progress.accept("  " + star.note());
      notes.add("DuckDB star at scale " + fmt(scale) + ": " + star.note());
      runs.add(runScale(scale, shop, star));
    }
    List<HtapCase> htap = new ArrayList<>();
    if (settings.skipHtap()) {
      notes.add("HTAP interference skipped (--skip-htap).");
    } else {
      htap.addAll(htap(settings.scales().get(settings.scales().size() - 1), star));
      notes.add(
          "HTAP: the OLAP loop on DuckDB runs the same number of catalog queries as the loop on"
              + " PostgreSQL completed, then idles; it runs in this JVM on the same machine, so it"
              + " still competes for CPU cores; what it no longer takes from the OLTP mix is"
              + " PostgreSQL's own resources: backends, buffer cache, I/O and parallel workers.");
    }
    return new BenchResults(
        started, settings, queries.stream().map(CatalogQuery::id).toList(), runs, htap, notes);
  }

  private ScaleRun runScale(double scale, String shop, BenchTarget.Star star) throws SQLException {
    long lines;
    List<QueryMeasurement> olap = new ArrayList<>();
    try (Connection pg = target.postgres().open()) {
      lines = count(pg, "SELECT count(*) FROM order_items");
      progress.accept("scale " + fmt(scale) + ": OLAP catalog on postgres (" + shop + ")");
      olap.addAll(
          new OlapRun(Engine.POSTGRES, pg, settings.warmup(), settings.repeats())
              .runAll(queries, scale, line -> progress.accept("  " + line)));
    }
    long starRows = -1;
    if (star.file() != null) {
      try (Connection duck = openStar(star)) {
        starRows = count(duck, "SELECT count(*) FROM fact_sales");
        progress.accept(
            "scale "
                + fmt(scale)
                + ": OLAP catalog on duckdb ("
                + starRows
                + " fact_sales rows in "
                + star.file()
                + ")");
        olap.addAll(
            new OlapRun(Engine.DUCKDB, duck, settings.warmup(), settings.repeats())
                .runAll(queries, scale, line -> progress.accept("  " + line)));
      }
    } else {
      progress.accept("scale " + fmt(scale) + ": OLAP on duckdb skipped: " + star.note());
    }
    List<OltpMeasurement> oltp = new ArrayList<>();
    oltp.add(oltpOnPostgres(scale, "alone"));
    oltp.add(oltpOnDuckDbCopy(scale));
    return new ScaleRun(scale, shop, lines, starRows, olap, oltp);
  }

  private OltpMeasurement oltpOnPostgres(double scale, String label) {
    progress.accept(
        "scale "
            + fmt(scale)
            + ": OLTP mix on postgres, "
            + settings.clients()
            + " clients, "
            + settings.oltpSeconds()
            + " s ("
            + label
            + ")");
    try {
      OptionalLong postmaster;
      try (Connection c = target.postgres().open()) {
        postmaster = Cpu.postmasterOf(c);
      }
      return measureOltp(OltpDialect.POSTGRES, target.postgres(), scale, label, postmaster);
    } catch (SQLException | RuntimeException e) {
      return OltpMeasurement.failed("postgres", scale, label, OlapRun.firstLine(e.getMessage()));
    }
  }

  private OltpMeasurement oltpOnDuckDbCopy(double scale) {
    progress.accept(
        "scale " + fmt(scale) + ": copying the shop into DuckDB for the OLTP mix on duckdb");
    try {
      try (Connection pg = target.postgres().open()) {
        DuckDbShopCopy.copy(pg, target.duckDbShopFile(), (table, n) -> {});
      }
      progress.accept(
          "scale "
              + fmt(scale)
              + ": OLTP mix on duckdb, "
              + settings.clients()
              + " clients, "
              + settings.oltpSeconds()
              + " s");
      try (DuckDbShop duck = DuckDbShop.open(target.duckDbShopFile())) {
        return measureOltp(OltpDialect.DUCKDB, duck, scale, "alone", OptionalLong.empty());
      }
    } catch (SQLException | IOException | RuntimeException e) {
      return OltpMeasurement.failed("duckdb", scale, "alone", OlapRun.firstLine(e.getMessage()));
    }
  }

  private OltpMeasurement measureOltp(
      OltpDialect dialect,
      ConnectionFactory factory,
      double scale,
      String label,
      OptionalLong postmaster)
      throws SQLException {
    OltpConfig config =
        OltpConfig.timed(
                settings.clients(),
                Duration.ofSeconds(settings.oltpSeconds()),
                Duration.ofSeconds(Math.min(2, settings.oltpSeconds())),
                OLTP_SEED)
            .withMaxRetries(50);
    double jvm0 = Cpu.jvmSeconds();
    double server0 = Cpu.serverSeconds(postmaster).orElse(Double.NaN);
    OltpResult r = new OltpRunner().run(config, dialect, factory, p -> {});
    return OltpMeasurement.of(
        r,
        scale,
        label,
        Cpu.jvmSeconds() - jvm0,
        Cpu.serverSeconds(postmaster).orElse(Double.NaN) - server0);
  }

  /** The three HTAP cases: OLTP alone, beside OLAP on PostgreSQL, beside OLAP on DuckDB. */
  private List<HtapCase> htap(double scale, BenchTarget.Star star) {
    List<HtapCase> cases = new ArrayList<>();
    progress.accept("HTAP at scale " + fmt(scale) + ": OLTP on postgres alone");
    cases.add(new HtapCase("OLTP alone", "none", oltpOnPostgres(scale, "htap: alone"), 0, null));
    HtapCase onPostgres = besideOlap(scale, Engine.POSTGRES, star, Long.MAX_VALUE);
    cases.add(onPostgres);
    if (star.file() == null) {
      progress.accept(
          "HTAP at scale " + fmt(scale) + ": OLTP + OLAP on DuckDB skipped: " + star.note());
      cases.add(new HtapCase("OLTP + OLAP on DuckDB", "duckdb", null, 0, star.note()));
    } else {
      // The same analyst work as on PostgreSQL, not as much as DuckDB can do: on a shared machine
      // an unpaced loop would take the OLTP mix's cores and measure the box, not the engines.
      cases.add(besideOlap(scale, Engine.DUCKDB, star, Math.max(1, onPostgres.olapQueries())));
    }
    return cases;
  }

  private HtapCase besideOlap(double scale, Engine engine, BenchTarget.Star star, long limit) {
    String label = "OLTP + OLAP on " + (engine == Engine.POSTGRES ? "PostgreSQL" : "DuckDB");
    progress.accept("HTAP at scale " + fmt(scale) + ": " + label);
    try (Connection olap = engine == Engine.POSTGRES ? target.postgres().open() : openStar(star)) {
      OlapLoad load = new OlapLoad(engine, olap, queries, limit);
      Thread analyst = new Thread(load, "bench-olap-" + engine.label());
      analyst.setDaemon(true);
      analyst.start();
      OltpMeasurement oltp;
      try {
        oltp = oltpOnPostgres(scale, "htap: beside OLAP on " + engine.label());
      } finally {
        load.stop();
        joinUninterruptibly(analyst);
      }
      String note =
          load.failure() == null ? null : "the OLAP loop stopped on an error: " + load.failure();
      return new HtapCase(label, engine.label(), oltp, load.completed(), note);
    } catch (SQLException e) {
      return new HtapCase(label, engine.label(), null, 0, OlapRun.firstLine(e.getMessage()));
    }
  }

  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The star, read-only: the ETL may publish a new snapshot meanwhile, never into this one. */
  static Connection openStar(BenchTarget.Star star) throws SQLException {
    if (star.file() == null || !Files.isRegularFile(star.file())) {
      throw new SQLException("there is no DuckDB star at " + star.file());
    }
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + star.file(), readOnly);
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String fmt(double scale) {
    return scale == Math.rint(scale)
        ? Long.toString((long) scale)
        : String.valueOf(scale).replaceAll("0+$", "");
  }
}
