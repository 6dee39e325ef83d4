package lab.cli;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import lab.shop.gen.MessyData;
import lab.shop.gen.ShopProfile;
import lab.shop.gen.ShopSize;
import picocli.CommandLine.Option;

/**
 * The size, shape and seed of the generated shop; shared by {@code lab demo} and {@code lab load}.
 */
final class ShopOptions {

  @Option(
      names = "--scale",
      defaultValue = "0.01",
      description =
          "Shop size: 1 = 1,000,000 orders, 100,000 customers, 20,000 products (default"
              + " ${DEFAULT-VALUE})")
  double scale;

  @Option(names = "--customers", description = "Override the scale's number of customers")
  Integer customers;

  @Option(names = "--products", description = "Override the scale's number of products")
  Integer products;

  @Option(names = "--orders", description = "Override the scale's number of orders")
  Integer orders;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed: same seed and scale, same shop (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--profile",
      defaultValue = "realistic",
      description = "clean (tidy data) or realistic (every messy-data switch on; default)")
  String profile;

  @Option(
      names = "--messy",
      description =
          "Comma-separated messy-data switches instead of the profile's, or none:"
              + " missing-values, formats, duplicates, late-references, bursts")
  String messy;

  @Option(
      names = "--product-skew",
      defaultValue = "0.8",
      description = "Zipf exponent of product popularity, 0 = uniform (default ${DEFAULT-VALUE})")
  double productSkew;

  @Option(
      names = "--customer-skew",
      defaultValue = "0.5",
      description = "Zipf exponent of customer activity, 0 = uniform (default ${DEFAULT-VALUE})")
  double customerSkew;

  /** The validated size; a bad value fails before anything is written. */
  ShopSize size() {
    ShopSize scaled = ShopSize.ofScale(scale);
    return new ShopSize(
        customers != null ? customers : scaled.customers(),
        products != null ? products : scaled.products(),
        orders != null ? orders : scaled.orders());
  }

  /** The validated profile with any --messy override applied. */
  ShopProfile profile() {
    ShopProfile named = ShopProfile.named(profile).withSkews(productSkew, customerSkew);
    if (messy == null) {
      return named;
    }
    if (messy.trim().equalsIgnoreCase("none")) {
      return named.withMessy(Set.of());
    }
    Set<MessyData> switches = EnumSet.noneOf(MessyData.class);
    for (String name : messy.split(",")) {
      switches.add(MessyData.fromOption(name));
    }
    return named.withMessy(switches);
  }

  /** One line saying which shop this is, for the console. */
  String describe() {
    ShopProfile p = profile();
    String switches =
        p.messy().isEmpty()
            ? "none"
            : Arrays.stream(MessyData.values())
                .filter(p::has)
                .map(MessyData::option)
                .collect(Collectors.joining(", "));
    return String.format(
        Locale.ROOT,
        "scale %s, seed %d, profile %s, messy data: %s",
        scale,
        seed,
        profile,
        switches);
  }
}
