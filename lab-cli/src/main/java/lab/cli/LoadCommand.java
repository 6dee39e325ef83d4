package lab.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import lab.services.LabException;
import lab.services.LocalLab;
import lab.shop.gen.SeedSummary;
import lab.shop.gen.ShopSeeder;
import lab.shop.gen.ShopSize;
import lab.shop.schema.ShopMigrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Override
  public Integer call() throws SQLException {
    ShopSize size = shop.size();
    LocalLab local = new LocalLab(lab.settings());
    Console console = new Console(System.out);
    SeedSummary s = load(local, size, shop.seed, console);
    console.line("  " + describe(s));
    return 0;
  }

  /** Migrates and seeds; shared with the demo. */
  static SeedSummary load(LocalLab local, ShopSize size, long seed, Console console)
      throws SQLException {
    try (Connection c = VerifyCommand.connectShop(local)) {
      List<String> applied = ShopMigrations.migrate(c);
      if (!applied.isEmpty()) {
        console.line("  schema migrations applied: " + String.join(", ", applied));
      }
      if (ShopMigrations.hasShopData(c)) {
        throw new LabException(
            "the shop database already has data; ./lab demo starts from a fresh shop, or reset"
                + " it with ./lab down --purge");
      }
      return new ShopSeeder()
          .seed(
              c,
              size,
              seed,
              n ->
                  console.progress(
                      "seeding: "
                          + Console.count(n)
                          + " / "
                          + Console.count(size.orders())
                          + " orders"));
    }
  }

  static String describe(SeedSummary s) {
    return Console.count(s.customers())
        + " customers, "
        + Console.count(s.products())
        + " products, "
        + Console.count(s.orders())
        + " orders, "
        + Console.count(s.orderLines())
        + " order lines in "
        + Console.seconds(s.took());
  }
}
