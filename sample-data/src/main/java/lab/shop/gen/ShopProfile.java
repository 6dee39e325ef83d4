package lab.shop.gen;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How the generated shop looks beyond its size: which {@link MessyData} switches are on, and how
 * skewed product and customer popularity are (see {@link PowerLaw}).
 */
public record ShopProfile(Set<MessyData> messy, double productSkew, double customerSkew) {

  /** Default popularity skews: a product bestseller list, and loyal early customers. */
  public static final double DEFAULT_PRODUCT_SKEW = 0.8;

  public static final double DEFAULT_CUSTOMER_SKEW = 0.5;

  /** Tidy data: every switch off. */
  public static final ShopProfile CLEAN =
      new ShopProfile(Set.of(), DEFAULT_PRODUCT_SKEW, DEFAULT_CUSTOMER_SKEW);

  /** Data as shops really have it, the demo's default: every switch on. */
  public static final ShopProfile REALISTIC =
      new ShopProfile(EnumSet.allOf(MessyData.class), DEFAULT_PRODUCT_SKEW, DEFAULT_CUSTOMER_SKEW);

  public ShopProfile {
    Objects.requireNonNull(messy, "messy");
    messy = messy.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(messy));
    requireSkew("--product-skew", productSkew);
    requireSkew("--customer-skew", customerSkew);
  }

  /** The named profile: {@code clean} or {@code realistic}. */
  public static ShopProfile named(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "clean" -> CLEAN;
      case "realistic" -> REALISTIC;
      default ->
          throw new IllegalArgumentException(
              "--profile must be clean or realistic, got '" + name + "'");
    };
  }

  public boolean has(MessyData m) {
    return messy.contains(m);
  }

  public ShopProfile withMessy(Set<MessyData> switches) {
    return new ShopProfile(switches, productSkew, customerSkew);
  }

  public ShopProfile withSkews(double product, double customer) {
    return new ShopProfile(messy, product, customer);
  }

  private static void requireSkew(String name, double skew) {
    if (!(skew >= 0 && skew <= 3)) {
      throw new IllegalArgumentException(
          name + " must be between 0 (uniform) and 3, got " + skew + "; 1 is classic Zipf");
    }
  }
}
