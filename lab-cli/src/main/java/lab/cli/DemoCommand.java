package lab.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import lab.demo.Contrast;
import lab.services.LocalLab;
import lab.services.Pipeline;
import lab.shop.gen.LiveSummary;
import lab.shop.gen.SeedSummary;
import lab.shop.gen.ShopProfile;
import lab.shop.gen.ShopSize;
import lab.verify.Reconciliation;
import lab.verify.WarehouseReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lab demo}: the whole chain once, end to end, from a fresh state: services up, a seeded
 * shop, CDC and the Spark job started, live transactions, wait for the warehouse to catch up,
 * reconcile, a first OLTP-vs-OLAP contrast, and everything stopped again.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole lab once: PostgreSQL -> CDC -> Kafka -> Spark -> DuckDB, then verify.",
      "Starts from a fresh shop, warehouse and topics in the lab home."
    })
final class DemoCommand implements Callable<Integer> {

  private static final int STEPS = 8;

  @ParentCommand LabCommand lab;
  @Mixin ShopOptions shop;
  @Mixin LiveOptions live;

  @Option(names = "--keep", description = "Leave the services and the pipeline running at the end")
  boolean keep;

  @Option(
      names = "--catch-up-timeout",
      defaultValue = "300",
      description = "Seconds to wait for the warehouse to catch up (default ${DEFAULT-VALUE})")
  int catchUpTimeoutSeconds;

  @Override
  public Integer call() throws Exception {
    // Validate every input before anything is started or written.
    ShopSize size = shop.size();
    ShopProfile profile = shop.profile();
    double rate = live.rate();
    Duration liveFor = live.duration();
    if (catchUpTimeoutSeconds < 1) {
      throw new IllegalArgumentException(
          "--catch-up-timeout must be >= 1, got " + catchUpTimeoutSeconds);
    }
    LocalLab local = new LocalLab(lab.settings());
    Console console = new Console(System.out);
    Thread cleanup = new Thread(() -> local.down(), "demo-cleanup");
    if (!keep) {
      Runtime.getRuntime().addShutdownHook(cleanup);
    }
    long started = System.nanoTime();
    try {
      console.line("OLTP -> OLAP lab demo   (lab home " + local.settings().home() + ")");
      console.step(1, STEPS, "services", "");
      UpCommand.up(local, console);

      console.step(
          2,
          STEPS,
          "fresh state",
          "shop database, change topics, CDC offsets, checkpoint and warehouse reset");
      local.resetPipelineState();

      // The Spark job starts first: its JVM and session warm up while the shop is seeded, and
      // it picks up the change topics as soon as the capture creates them.
      console.step(
          3, STEPS, "pipeline", "Spark ETL and CDC (Debezium, pgoutput), each in its own JVM");
      Pipeline pipeline = local.pipeline();
      ProcessHandle etl = pipeline.startEtl();
      console.line("  etl pid " + etl.pid() + "  log " + pipeline.log("etl"));

      console.step(
          4, STEPS, "seed shop", shop.describe() + "; bulk load with COPY, CDC then snapshots it");
      SeedSummary seeded = LoadCommand.load(local, size, shop.seed, profile, false, console);
      console.line("  " + LoadCommand.describe(seeded));
      ProcessHandle cdc = pipeline.startCdc(Pipeline.CdcOptions.DEFAULT);
      console.line("  cdc pid " + cdc.pid() + "  log " + pipeline.log("cdc"));

      console.step(5, STEPS, "live writes", liveFor.toSeconds() + " s at " + fmt(rate) + " tx/s");
      LiveSummary written = WriteCommand.write(local, live, false, shop.seed + 1, console);
      console.line("  " + WriteCommand.describe(written));

      console.step(6, STEPS, "catch up", "waiting until the warehouse matches the shop");
      Duration caughtUp =
          CatchUp.await(
              local, console, Duration.ofSeconds(catchUpTimeoutSeconds), "--catch-up-timeout");
      console.line("  caught up " + Console.seconds(caughtUp) + " after the last write");

      if (!keep) {
        // The ETL holds the DuckDB file while it runs; stopping it publishes the final state.
        pipeline.stopEtl();
        pipeline.stopCdc();
      }
      console.step(7, STEPS, "verify", "reconcile OLTP truth with the warehouse");
      Reconciliation r = VerifyCommand.reconcile(local, console);
      VerifyCommand.print(r, console);

      console.step(8, STEPS, "OLTP vs OLAP", "same data, two engines");
      contrast(local, console);

      console.line("");
      console.line("warehouse: " + local.settings().warehouseFile());
      console.line("logs:      " + local.settings().logs());
      if (keep) {
        console.line("still running (--keep): ./lab status, ./lab verify, ./lab down");
      } else {
        local.down();
        console.line("stopped everything (use --keep to leave it running)");
      }
      console.line("demo took " + Console.seconds(Duration.ofNanos(System.nanoTime() - started)));
      return r.ok() ? 0 : 1;
    } catch (RuntimeException | SQLException e) {
      if (!keep) {
        console.line(
            "stopping everything after the failure; logs stay in " + local.settings().logs());
        local.down();
      }
      throw e;
    } finally {
      if (!keep) {
        try {
          Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
          // the hook is already running
        }
      }
    }
  }

  private static void contrast(LocalLab local, Console console) throws SQLException {
    boolean etlRunning = local.pipeline().etl().isPresent();
    try (Connection pg = local.postgres().connectShop();
        WarehouseReader.Opened wh = WarehouseReader.open(local.settings(), etlRunning)) {
      long maxOrder = maxOrderId(pg);
      for (Contrast.Timing t :
          new Contrast.Timing[] {
            Contrast.pointLookup(pg, wh.connection(), maxOrder),
            Contrast.revenueByMonthAndCountry(pg, wh.connection())
          }) {
        console.line(
            String.format(
                Locale.US,
                "  %-52s postgres %9s   duckdb %9s",
                t.query(),
                millis(t.postgres()),
                millis(t.duckdb())));
      }
      console.line(
          "  (row store + B-tree index wins the lookup; column store + vectorized scan the aggregate;");
      console.line("   at this small size the gap is modest and grows with the data)");
    }
  }

  private static long maxOrderId(Connection pg) throws SQLException {
    try (Statement s = pg.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(order_id) FROM orders")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String millis(Duration d) {
    return String.format(Locale.US, "%.3f ms", d.toNanos() / 1e6);
  }

  private static String fmt(double rate) {
    return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
  }
}
