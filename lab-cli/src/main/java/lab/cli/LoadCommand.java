package lab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import lab.services.LabException;
import lab.services.LocalLab;
import lab.shop.gen.FxRateFile;
import lab.shop.gen.SeedProgress;
import lab.shop.gen.SeedSummary;
import lab.shop.gen.ShopProfile;
import lab.shop.gen.ShopSeeder;
import lab.shop.gen.ShopSize;
import lab.shop.schema.ShopChecksums;
import lab.shop.schema.ShopMigrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lab load}: creates the shop schema and bulk-loads a seeded shop. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description =
        "Create the shop schema (migrations) and bulk-load a seeded shop into PostgreSQL.")
final class LoadCommand implements Callable<Integer> {

  @ParentCommand LabCommand lab;
  @Mixin ShopOptions shop;

  @Option(
      names = "--reset",
      description = "Empty the shop's tables first if it already has data (deletes that data)")
  boolean reset;

  @Option(
      names = "--checksums",
      description =
          "Print each table's row count and md5 after the load: the same seed, scale and profile"
              + " give the same on every machine")
  boolean checksums;

  @Option(
      names = "--append",
      description =
          "Refused for a bulk load, which writes a fixed history with fixed ids: add data to an"
              + " existing shop with ./lab write")
  boolean append;

  @Override
  public Integer call() throws SQLException {
    if (append) {
      throw new LabException(
          "--append: a bulk load writes a fixed history with fixed ids and cannot go on top of"
              + " existing data; use ./lab write to add live transactions, or --reset to reload");
    }
    ShopSize size = shop.size();
    ShopProfile profile = shop.profile();
    LocalLab local = new LocalLab(lab.settings());
    Console console = new Console(System.out);
    console.line("  shop: " + shop.describe());
    SeedSummary s = load(local, size, shop.seed, profile, reset, console);
    console.line("  " + describe(s));
    if (checksums) {
      try (Connection c = VerifyCommand.connectShop(local)) {
        ShopChecksums.of(c)
            .forEach((table, sum) -> console.line(String.format("  %-22s %s", table, sum)));
      }
    }
    return 0;
  }

  /** Migrates and seeds; shared with the demo, which always starts from a fresh shop. */
  static SeedSummary load(
      LocalLab local, ShopSize size, long seed, ShopProfile profile, boolean reset, Console console)
      throws SQLException {
    try (Connection c = VerifyCommand.connectShop(local)) {
      List<String> applied = ShopMigrations.migrate(local.postgres().shopDataSource());
      if (!applied.isEmpty()) {
        console.line("  schema migrations applied: " + String.join(", ", applied));
      }
      if (ShopMigrations.hasShopData(c)) {
        if (!reset) {
          throw new LabException(
              "the shop database already has data; reload it with ./lab load --reset (deletes"
                  + " the shop's rows), or add live transactions with ./lab write");
        }
        // The topics, the capture's position and the warehouse describe the old rows: a reload
        // under them would leave the old shop in the warehouse. Checked before anything is
        // deleted, so a refusal leaves the shop as it was.
        if (local.pipeline().cdc().isPresent() || local.pipeline().etl().isPresent()) {
          throw new LabException(
              "the pipeline is running on this shop; stop it first (./lab pipeline stop), then"
                  + " ./lab load --reset, then ./lab pipeline start");
        }
        if (!local.kafka().reachable(Duration.ofSeconds(5))) {
          throw new LabException(
              "Kafka at "
                  + local.kafka().address()
                  + " does not answer, and --reset must delete the old change topics with the"
                  + " old rows; start it with ./lab up");
        }
        ShopSeeder.reset(c);
        local.resetDerivedState();
        console.line(
            "  emptied the shop's tables and what the pipeline derived from them: change topics,"
                + " CDC position and slot, Spark checkpoint, warehouse (--reset)");
      }
      SeedSummary summary = new ShopSeeder().seed(c, size, seed, profile, progressBar(console));
      try {
        Path fx = FxRateFile.write(local.settings().fxDrop(), seed);
        console.line("  FX rates for the ETL's second source written to " + fx);
      } catch (IOException e) {
        throw new LabException("cannot write the FX rate file: " + e.getMessage(), e);
      }
      return summary;
    }
  }

  /** A progress bar with rows per second and the time left, redrawn in place. */
  static Consumer<SeedProgress> progressBar(Console console) {
    // When the orders began: the time before them went to the reference tables and customers.
    Duration[] ordersStarted = {Duration.ZERO};
    return p -> {
      if (!p.phase().equals("orders")) {
        ordersStarted[0] = p.elapsed();
        console.progress(
            "seeding: " + p.phase() + ", " + Console.count(p.rowsDone()) + " rows so far");
        return;
      }
      int width = 24;
      int filled = (int) Math.round(p.fraction() * width);
      String eta = p.eta(ordersStarted[0]).map(d -> "ETA " + Console.seconds(d)).orElse("ETA -");
      console.progress(
          String.format(
              Locale.US,
              "seeding [%s%s] %3.0f%%  %s / %s orders, %s rows, %s rows/s, %s",
              "#".repeat(filled),
              ".".repeat(width - filled),
              p.fraction() * 100,
              Console.count(p.ordersDone()),
              Console.count(p.ordersTotal()),
              Console.count(p.rowsDone()),
              Console.count((long) p.rowsPerSecond()),
              eta));
    };
  }

  static String describe(SeedSummary s) {
    return Console.count(s.customers())
        + " customers, "
        + Console.count(s.products())
        + " products, "
        + Console.count(s.orders())
        + " orders, "
        + Console.count(s.orderLines())
        + " order lines; "
        + Console.count(s.totalRows())
        + " rows in all in "
        + Console.seconds(s.took())
        + " ("
        + Console.count((long) s.rowsPerSecond())
        + " rows/s)";
  }
}
