package lab.shop.gen;

/** How many customers, products and historical orders the seeded shop holds. */
public record ShopSize(int customers, int products, int orders) {

  /** A shop small enough to seed in seconds on a laptop, big enough to be worth querying. */
  public static final ShopSize DEFAULT = new ShopSize(1_000, 200, 10_000);

  static final int MAX_CUSTOMERS = 10_000_000;
  static final int MAX_PRODUCTS = 1_000_000;
  static final int MAX_ORDERS = 100_000_000;

  public ShopSize {
    requireBetween("customers", customers, MAX_CUSTOMERS);
    requireBetween("products", products, MAX_PRODUCTS);
    requireBetween("orders", orders, MAX_ORDERS);
  }

  private static void requireBetween(String name, int value, int max) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(
          name + " must be between 1 and " + max + ", got " + value + " (set --" + name + ")");
    }
  }
}
