package lab.cli;

import lab.shop.gen.ShopSize;
import picocli.CommandLine.Option;

/** The size and seed of the generated shop; shared by {@code lab demo} and {@code lab load}. */
final class ShopOptions {

  @Option(
      names = "--customers",
      defaultValue = "1000",
      description = "Customers to seed (default ${DEFAULT-VALUE})")
  int customers;

  @Option(
      names = "--products",
      defaultValue = "200",
      description = "Products to seed (default ${DEFAULT-VALUE})")
  int products;

  @Option(
      names = "--orders",
      defaultValue = "10000",
      description = "Orders to seed (default ${DEFAULT-VALUE})")
  int orders;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed: same seed, same shop (default ${DEFAULT-VALUE})")
  long seed;

  /** The validated size; a bad value fails before anything is written. */
  ShopSize size() {
    return new ShopSize(customers, products, orders);
  }
}
