package lab.shop.gen;

import java.util.Locale;

/**
 * How many customers, products and historical orders the seeded shop holds; stores, suppliers and
 * loyalty members follow from them. {@link #ofScale} gives the standard sizes.
 */
public record ShopSize(int customers, int products, int orders) {

  /** Scale 0.01: small enough to seed in seconds on a laptop, big enough to be worth querying. */
  public static final ShopSize DEFAULT = new ShopSize(1_000, 200, 10_000);

  /** The largest scale factor accepted: 100 is a hundred million orders. */
  public static final double MAX_SCALE = 100;

  static final int MAX_CUSTOMERS = 10_000_000;
  static final int MAX_PRODUCTS = 1_000_000;
  static final int MAX_ORDERS = 100_000_000;

  public ShopSize {
    requireBetween("customers", customers, MAX_CUSTOMERS);
    requireBetween("products", products, MAX_PRODUCTS);
    requireBetween("orders", orders, MAX_ORDERS);
  }

  /**
   * The shop at a scale factor: scale 1 is 1,000,000 orders (about 3.8 lines each), 100,000
   * customers and 10,000 products; scale 0.01 is 10,000 orders, the size tests use.
   */
  public static ShopSize ofScale(double scale) {
    if (!(scale > 0 && scale <= MAX_SCALE)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "--scale must be above 0 and at most %.0f (1 = a million orders), got %s",
              MAX_SCALE,
              scale));
    }
    return new ShopSize(
        (int) Math.max(1, Math.round(100_000 * scale)),
        (int) Math.max(1, Math.round(20_000 * scale)),
        (int) Math.max(1, Math.round(1_000_000 * scale)));
  }

  /** Store 1 is the warehouse; one shop front per 2,000 customers, at least 2 and at most 499. */
  public int stores() {
    return 1 + Math.max(2, Math.min(499, customers / 2_000));
  }

  /** One supplier per 50 products, at least 3 and at most 2,000. */
  public int suppliers() {
    return Math.max(3, Math.min(2_000, products / 50));
  }

  /** Store loyalty members, one per ten customers. */
  public int loyaltyMembers() {
    return Math.max(1, customers / 10);
  }

  private static void requireBetween(String name, int value, int max) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(
          name + " must be between 1 and " + max + ", got " + value + " (set --" + name + ")");
    }
  }
}
