package lab.shop.gen;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The seeded shop's rows, computed from a seed and a size alone: the same inputs always give the
 * same rows, and any row can be computed on its own from its id.
 *
 * <p>Customers sign up one after another over the shop's first 90 days, and orders are placed one
 * after another over its first 180 days, so ids follow time as identity keys do; an order only goes
 * to a customer who had signed up by then. Nothing is held in memory, so the streams scale to the
 * largest {@link ShopSize}.
 */
public final class ShopRows {

  /** The instant the shop opens; every generated timestamp is at or after it, in UTC. */
  public static final OffsetDateTime START =
      OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  /** How long after {@link #START} the historical orders run. */
  public static final Duration ORDER_PERIOD = Duration.ofDays(180);

  /** How long after {@link #START} customers keep signing up. */
  public static final Duration SIGNUP_PERIOD = Duration.ofDays(90);

  /** The cheapest price a generated product has. */
  public static final BigDecimal MIN_PRICE = new BigDecimal("0.99");

  /** The dearest price a generated product has. */
  public static final BigDecimal MAX_PRICE = new BigDecimal("499.99");

  private static final long ORDER_PERIOD_MILLIS = ORDER_PERIOD.toMillis();
  private static final long SIGNUP_PERIOD_MILLIS = SIGNUP_PERIOD.toMillis();
  private static final long MIN_CENTS = MIN_PRICE.unscaledValue().longValueExact();
  private static final long MAX_CENTS = MAX_PRICE.unscaledValue().longValueExact();

  private final long seed;
  private final ShopSize size;

  public ShopRows(long seed, ShopSize size) {
    this.seed = seed;
    this.size = Objects.requireNonNull(size, "size");
  }

  public long seed() {
    return seed;
  }

  public ShopSize size() {
    return size;
  }

  /** Customers 1..customers, lazily. */
  public Stream<CustomerRow> customers() {
    return LongStream.rangeClosed(1, size.customers()).mapToObj(this::customer);
  }

  /** Products 1..products, lazily. */
  public Stream<ProductRow> products() {
    return LongStream.rangeClosed(1, size.products()).mapToObj(this::product);
  }

  /** Orders 1..orders, lazily. */
  public Stream<OrderRow> orders() {
    return LongStream.rangeClosed(1, size.orders()).mapToObj(this::order);
  }

  /** Every order's lines, order by order, lazily. */
  public Stream<OrderLineRow> orderLines() {
    return LongStream.rangeClosed(1, size.orders()).mapToObj(this::lines).flatMap(List::stream);
  }

  public CustomerRow customer(long customerId) {
    requireId("customerId", customerId, size.customers());
    SplittableRandom r = Seeds.random(seed, Seeds.CUSTOMER, customerId);
    String first = Vocabulary.firstName(r);
    String last = Vocabulary.lastName(r);
    // The id makes the address unique however often a name repeats.
    String email =
        (first + "." + last.replace(" ", "") + "." + customerId + "@example.com")
            .toLowerCase(Locale.ROOT);
    return new CustomerRow(
        customerId,
        email,
        first + " " + last,
        Vocabulary.country(r),
        at(signedUpMillis(customerId)));
  }

  public ProductRow product(long productId) {
    requireId("productId", productId, size.products());
    SplittableRandom r = Seeds.random(seed, Seeds.PRODUCT, productId);
    Vocabulary.Category category = Vocabulary.category(r);
    return new ProductRow(
        productId, sku(productId), category.productName(r), category.name(), price(productId));
  }

  public OrderRow order(long orderId) {
    requireId("orderId", orderId, size.orders());
    SplittableRandom r = Seeds.random(seed, Seeds.ORDER, orderId);
    // Order n gets a slot of its own in the period, so ordered_at never decreases with the id.
    // Products of ids and periods stay below 2^63 for every ShopSize that validates.
    long slotStart = (orderId - 1) * ORDER_PERIOD_MILLIS / size.orders();
    long slotEnd = orderId * ORDER_PERIOD_MILLIS / size.orders();
    long orderedMillis = slotStart + r.nextLong(Math.max(1, slotEnd - slotStart));
    long customerId = 1 + r.nextLong(customersSignedUpBy(orderedMillis));
    return new OrderRow(orderId, customerId, status(r), at(orderedMillis));
  }

  /** The lines of one order, numbered 1..k with k between 1 and 5, at their products' prices. */
  public List<OrderLineRow> lines(long orderId) {
    requireId("orderId", orderId, size.orders());
    SplittableRandom r = Seeds.random(seed, Seeds.ORDER_LINES, orderId);
    List<Baskets.Item> items = Baskets.pick(r, size.products());
    List<OrderLineRow> lines = new ArrayList<>(items.size());
    for (Baskets.Item item : items) {
      lines.add(
          new OrderLineRow(
              orderId,
              lines.size() + 1,
              item.productId(),
              item.quantity(),
              price(item.productId())));
    }
    return lines;
  }

  // A stream of its own, so a line can price its product without generating the whole product.
  private BigDecimal price(long productId) {
    SplittableRandom r = Seeds.random(seed, Seeds.PRICE, productId);
    return BigDecimal.valueOf(MIN_CENTS + r.nextLong(MAX_CENTS - MIN_CENTS + 1), 2);
  }

  private long signedUpMillis(long customerId) {
    return (customerId - 1) * SIGNUP_PERIOD_MILLIS / size.customers();
  }

  // The largest id whose signedUpMillis is <= t; at least 1, since customer 1 signs up at START.
  private long customersSignedUpBy(long t) {
    long n = size.customers();
    return Math.min(n, ((t + 1) * n + SIGNUP_PERIOD_MILLIS - 1) / SIGNUP_PERIOD_MILLIS);
  }

  private static String status(SplittableRandom r) {
    int roll = r.nextInt(100);
    if (roll < 80) {
      return OrderRow.SHIPPED;
    } else if (roll < 88) {
      return OrderRow.PAID;
    } else if (roll < 95) {
      return OrderRow.PLACED;
    }
    return OrderRow.CANCELLED;
  }

  private static String sku(long productId) {
    String digits = Long.toString(productId);
    return "SKU-" + "0".repeat(Math.max(0, 7 - digits.length())) + digits;
  }

  private static OffsetDateTime at(long millisAfterStart) {
    return START.plus(millisAfterStart, ChronoUnit.MILLIS);
  }

  private static void requireId(String name, long id, long max) {
    if (id < 1 || id > max) {
      throw new IllegalArgumentException(name + " must be between 1 and " + max + ", got " + id);
    }
  }
}
