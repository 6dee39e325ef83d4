package lab.shop.gen;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The seeded shop's rows, computed from a seed, a size and a profile alone: the same inputs always
 * give the same rows, and a customer, product or order can be computed on its own from its id (rows
 * that refer to another recompute what they need from the other's id).
 *
 * <p>Time: customers sign up one after another over the first 90% of the two-year history and about
 * 40% of them churn; orders follow {@link ShopCalendar}'s demand curve in id order, each to a
 * customer who had signed up and not churned, drawn with a Zipf-like skew towards early, loyal
 * customers; products are drawn with a Zipf-like skew over a fixed shuffle of their ids. Every
 * order's lifecycle (paid, shipped, delivered, cancelled, returned) is played out up to {@link
 * #END}: what would happen later has not happened yet. Nothing is held in memory but the calendar.
 */
public final class ShopRows {

  /** The instant the generated history begins; every generated timestamp is in UTC. */
  public static final OffsetDateTime START =
      OffsetDateTime.of(2024, 7, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  /** How long the generated history runs: two years, for yearly seasonality to show twice. */
  public static final Duration HISTORY = Duration.ofDays(730);

  /** The end of the generated history: the seeded shop's "now". */
  public static final OffsetDateTime END = START.plus(HISTORY);

  /** The cheapest list price a generated product has, in euros. */
  public static final BigDecimal MIN_PRICE = new BigDecimal("0.99");

  /** The dearest list price a generated product has, in euros. */
  public static final BigDecimal MAX_PRICE = new BigDecimal("499.99");

  /** The store that fulfils web and app orders. */
  public static final int WAREHOUSE_ID = 1;

  private static final long DAY = 86_400_000L;
  private static final long HOUR = 3_600_000L;
  private static final long MINUTE = 60_000L;
  private static final long HISTORY_MILLIS = HISTORY.toMillis();
  private static final long SIGNUP_MILLIS = HISTORY_MILLIS * 9 / 10;
  private static final long MIN_CENTS = MIN_PRICE.unscaledValue().longValueExact();
  private static final long MAX_CENTS = MAX_PRICE.unscaledValue().longValueExact();
  // A prime above the largest product count, so rank -> id below is a permutation for every size.
  private static final long SHUFFLE_PRIME = 1_000_003L;
  private static final int PRICE_CACHE_LIMIT = 200_000;
  private static final int[] LINE_COUNT_PERCENT = {10, 15, 20, 20, 15, 12, 8}; // 1..7 lines
  private static final int[] DISCOUNTS = {5, 10, 15, 20, 25, 30};
  private static final List<String> PROVIDERS = List.of("example.com", "example.org");

  private final long seed;
  private final ShopSize size;
  private final ShopProfile profile;
  private final ShopCalendar calendar;
  private final PowerLaw productLaw;
  private final List<StoreRow> storeRows;
  // Price lists of small catalogues, kept because every order line looks its product's price up.
  private final List<PriceRow>[] priceCache;

  public ShopRows(long seed, ShopSize size) {
    this(seed, size, ShopProfile.REALISTIC);
  }

  public ShopRows(long seed, ShopSize size, ShopProfile profile) {
    this.seed = seed;
    this.size = Objects.requireNonNull(size, "size");
    this.profile = Objects.requireNonNull(profile, "profile");
    this.calendar = new ShopCalendar(seed, profile.has(MessyData.BURSTS));
    this.productLaw = new PowerLaw(size.products(), profile.productSkew());
    this.storeRows = IntStream.rangeClosed(1, size.stores()).mapToObj(this::makeStore).toList();
    @SuppressWarnings("unchecked")
    List<PriceRow>[] cache =
        size.products() <= PRICE_CACHE_LIMIT ? new List[size.products() + 1] : null;
    this.priceCache = cache;
  }

  public long seed() {
    return seed;
  }

  public ShopSize size() {
    return size;
  }

  public ShopProfile profile() {
    return profile;
  }

  // ---- reference data and places -----------------------------------------------------------

  /** The catalogue tree: 8 top-level categories and their 32 sub-categories. */
  public List<CategoryRow> categories() {
    List<CategoryRow> rows = new ArrayList<>();
    for (Vocabulary.Category top : Vocabulary.CATEGORIES) {
      rows.add(new CategoryRow(top.id(), null, top.name()));
    }
    for (Vocabulary.Category top : Vocabulary.CATEGORIES) {
      for (int i = 0; i < top.subs().size(); i++) {
        rows.add(new CategoryRow(top.subId(i), top.id(), top.subs().get(i).name()));
      }
    }
    return rows;
  }

  public Stream<SupplierRow> suppliers() {
    return IntStream.rangeClosed(1, size.suppliers()).mapToObj(this::supplier);
  }

  public SupplierRow supplier(int supplierId) {
    requireId("supplierId", supplierId, size.suppliers());
    SplittableRandom r = Seeds.random(seed, Seeds.SUPPLIER, supplierId);
    String region = Vocabulary.pick(Vocabulary.SUPPLIER_REGIONS, r);
    return new SupplierRow(
        supplierId,
        Vocabulary.supplierName(supplierId),
        Vocabulary.supplierCountry(region),
        region);
  }

  /** Store 1 is the warehouse; stores 2.. are shop fronts in the shop's store countries. */
  public List<StoreRow> stores() {
    return storeRows;
  }

  public StoreRow store(int storeId) {
    requireId("storeId", storeId, size.stores());
    return storeRows.get(storeId - 1);
  }

  private StoreRow makeStore(int storeId) {
    SplittableRandom r = Seeds.random(seed, Seeds.STORE, storeId);
    r.nextInt(); // the refit week's draw, see ShopCalendar.storeClosed
    String country =
        storeId == WAREHOUSE_ID ? "DE" : Vocabulary.pick(Vocabulary.STORE_COUNTRIES, r);
    Vocabulary.Place place = Vocabulary.place(country);
    String city = Vocabulary.pick(place.cities(), r);
    boolean warehouse = storeId == WAREHOUSE_ID;
    return new StoreRow(
        storeId,
        String.format(Locale.ROOT, "ST-%03d", storeId),
        warehouse ? "Central fulfilment centre" : city + " store " + storeId,
        warehouse ? "warehouse" : "store",
        city,
        country,
        place.currency(),
        START.minusDays(30 + r.nextInt(2_000)));
  }

  /** Units on hand at the end of the history: a warehouse holds far more than a shop front. */
  public int inventory(int storeId, long productId) {
    SplittableRandom r = Seeds.random(seed, Seeds.INVENTORY, storeId * SHUFFLE_PRIME + productId);
    return storeId == WAREHOUSE_ID ? 200 + r.nextInt(1_801) : 5 + r.nextInt(76);
  }

  // ---- customers ---------------------------------------------------------------------------

  /** Customers 1..customers, lazily. */
  public Stream<CustomerRow> customers() {
    return LongStream.rangeClosed(1, size.customers()).mapToObj(this::customer);
  }

  public CustomerRow customer(long customerId) {
    requireId("customerId", customerId, size.customers());
    SplittableRandom r = Seeds.random(seed, Seeds.CUSTOMER, customerId);
    long personId = personOf(customerId);
    Person p = Person.of(Seeds.random(seed, Seeds.PERSON, personId));
    boolean messyFormats = profile.has(MessyData.INCONSISTENT_FORMATS);
    boolean missing = profile.has(MessyData.MISSING_VALUES);
    String provider = personId != customerId ? "example.net" : Vocabulary.pick(PROVIDERS, r);
    String local = p.first() + "." + p.last().replace(" ", "") + "." + customerId;
    String email = (local + "@" + provider).toLowerCase(Locale.ROOT);
    int emailRoll = r.nextInt(100);
    if (messyFormats && emailRoll < 12) {
      email =
          local + "@" + provider.substring(0, 1).toUpperCase(Locale.ROOT) + provider.substring(1);
    } else if (messyFormats && emailRoll < 17) {
      email = emailRoll % 2 == 0 ? " " + email : email + " ";
    }
    String phone = missing && r.nextInt(100) < 25 ? null : p.phone(messyFormats ? r : null);
    LocalDate birthDate = missing && r.nextInt(100) < 10 ? null : p.birthDate();
    int segmentRoll = r.nextInt(100);
    String segment = segmentRoll < 85 ? "consumer" : segmentRoll < 97 ? "business" : "vip";
    OffsetDateTime createdAt = at(signedUpMillis(customerId));
    Churn churn = churn(customerId);
    if (churn.erasedBy(HISTORY_MILLIS)) {
      OffsetDateTime erasedAt = at(churn.atMillis());
      return new CustomerRow(
          customerId,
          "erased-" + customerId + "@erased.invalid",
          "erased",
          p.country(),
          null,
          null,
          segment,
          createdAt,
          erasedAt,
          erasedAt);
    }
    return new CustomerRow(
        customerId,
        email,
        p.first() + " " + p.last(),
        p.country(),
        phone,
        birthDate,
        segment,
        createdAt,
        createdAt,
        null);
  }

  /**
   * A customer's addresses, oldest first: the one given at sign-up and one for each move (about a
   * quarter of customers move once or twice). An erased customer has none left.
   */
  public List<AddressRow> addresses(long customerId) {
    requireId("customerId", customerId, size.customers());
    Churn churn = churn(customerId);
    if (churn.erasedBy(HISTORY_MILLIS)) {
      return List.of();
    }
    SplittableRandom r = Seeds.random(seed, Seeds.MOVES, customerId);
    Person p = Person.of(Seeds.random(seed, Seeds.PERSON, personOf(customerId)));
    long from = signedUpMillis(customerId);
    long until = Math.min(HISTORY_MILLIS, churn.atMillis());
    int roll = r.nextInt(100);
    int moves = roll < 20 ? 1 : roll < 25 ? 2 : 0;
    List<Long> moveTimes = new ArrayList<>();
    for (int i = 0; i < moves && until - from > 2 * DAY; i++) {
      moveTimes.add(from + DAY + r.nextLong(until - from - DAY));
    }
    moveTimes.sort(null);
    List<AddressRow> rows = new ArrayList<>();
    String street = p.street();
    String postcode = p.postcode();
    String city = p.city();
    String region = p.region();
    long validFrom = from;
    for (int i = 0; i <= moveTimes.size(); i++) {
      Long validTo = i < moveTimes.size() ? moveTimes.get(i) : null;
      if (validTo != null && validTo <= validFrom) {
        continue; // two moves on the same millisecond: keep the later one
      }
      rows.add(
          new AddressRow(
              customerId,
              street,
              postcode,
              city,
              profile.has(MessyData.MISSING_VALUES) && r.nextInt(100) < 15 ? null : region,
              typedCountry(p.country(), r),
              at(validFrom),
              validTo == null ? null : at(validTo)));
      if (validTo != null) {
        Vocabulary.Place place = Vocabulary.place(p.country());
        int c = r.nextInt(place.cities().size());
        street = Vocabulary.street(r);
        postcode = Person.postcode(r);
        city = place.cities().get(c);
        region = place.regions().get(c);
        validFrom = validTo;
      }
    }
    return rows;
  }

  // ---- products ----------------------------------------------------------------------------

  /** Products 1..products, lazily. */
  public Stream<ProductRow> products() {
    return LongStream.rangeClosed(1, size.products()).mapToObj(this::product);
  }

  public ProductRow product(long productId) {
    requireId("productId", productId, size.products());
    SplittableRandom r = Seeds.random(seed, Seeds.PRODUCT, productId);
    Vocabulary.Category category = Vocabulary.category(r);
    int subIndex = r.nextInt(category.subs().size());
    Vocabulary.Sub sub = category.subs().get(subIndex);
    String name = category.productName(r, sub);
    int supplierId = 1 + r.nextInt(size.suppliers());
    boolean uncategorised = profile.has(MessyData.MISSING_VALUES) && r.nextInt(100) < 3;
    List<PriceRow> prices = prices(productId);
    BigDecimal cost =
        prices
            .get(0)
            .unitPrice()
            .multiply(BigDecimal.valueOf(45 + r.nextInt(31)))
            .movePointLeft(2)
            .setScale(2, RoundingMode.HALF_EVEN);
    return new ProductRow(
        productId,
        sku(productId),
        name,
        uncategorised ? null : category.name(),
        uncategorised ? null : category.subId(subIndex),
        supplierId,
        cost,
        prices);
  }

  /** A product's price list: a launch price and 0 to 3 changes of -20% to +20% later on. */
  public List<PriceRow> prices(long productId) {
    requireId("productId", productId, size.products());
    if (priceCache == null) {
      return makePrices(productId);
    }
    List<PriceRow> prices = priceCache[(int) productId];
    if (prices == null) {
      prices = makePrices(productId);
      priceCache[(int) productId] = prices;
    }
    return prices;
  }

  private List<PriceRow> makePrices(long productId) {
    SplittableRandom r = Seeds.random(seed, Seeds.PRICE, productId);
    long cents = MIN_CENTS + r.nextLong(MAX_CENTS - MIN_CENTS + 1);
    int roll = r.nextInt(100);
    int changes = roll < 40 ? 0 : roll < 70 ? 1 : roll < 90 ? 2 : 3;
    long[] times = new long[changes];
    for (int i = 0; i < changes; i++) {
      times[i] = DAY + r.nextLong(HISTORY_MILLIS - DAY);
    }
    java.util.Arrays.sort(times);
    List<PriceRow> prices = new ArrayList<>(changes + 1);
    prices.add(new PriceRow(productId, START, BigDecimal.valueOf(cents, 2)));
    for (int i = 0; i < changes; i++) {
      cents = Math.min(MAX_CENTS, Math.max(MIN_CENTS, cents * (80 + r.nextInt(41)) / 100));
      if (times[i] > (i == 0 ? 0 : times[i - 1])) {
        prices.add(new PriceRow(productId, at(times[i]), BigDecimal.valueOf(cents, 2)));
      }
    }
    return List.copyOf(prices);
  }

  // ---- orders ------------------------------------------------------------------------------

  /** Orders 1..orders with their lines, payment, shipment and returns, lazily. */
  public Stream<OrderHistory> orders() {
    return LongStream.rangeClosed(1, size.orders()).mapToObj(this::order);
  }

  public OrderHistory order(long orderId) {
    requireId("orderId", orderId, size.orders());
    SplittableRandom r = Seeds.random(seed, Seeds.ORDER, orderId);
    long placed = calendar.millisAtShare((orderId - 1 + r.nextDouble()) / size.orders());
    int day = (int) (placed / DAY);
    int channelRoll = r.nextInt(100);
    int channel =
        channelRoll < 50 ? OrderRow.WEB : channelRoll < 80 ? OrderRow.APP : OrderRow.STORE;
    Integer storeId = channel == OrderRow.STORE ? openStore(r, day) : null;
    if (channel == OrderRow.STORE && storeId == null) {
      channel = OrderRow.WEB; // every store is closed that day: the customer orders online
    }
    Long customerId = null;
    String card = null;
    if (storeId != null && profile.has(MessyData.LATE_REFERENCES) && r.nextInt(100) < 35) {
      card = loyaltyCard(1 + r.nextLong(membersJoinedBy(placed)));
    } else {
      customerId = pickCustomer(r, placed);
    }
    String currency =
        storeId != null
            ? store(storeId).currency()
            : Vocabulary.place(countryOf(customerId)).currency();
    List<OrderLineRow> lines = lines(orderId, placed, currency);
    OffsetDateTime at = at(placed);
    OrderRow asPlaced =
        new OrderRow(
            orderId, customerId, card, channel, storeId, currency, OrderRow.PLACED, at, at);
    return Lifecycle.play(
        asPlaced,
        lines,
        Seeds.random(seed, Seeds.LIFECYCLE, orderId),
        profile.has(MessyData.INCONSISTENT_FORMATS));
  }

  private List<OrderLineRow> lines(long orderId, long placed, String currency) {
    SplittableRandom r = Seeds.random(seed, Seeds.ORDER_LINES, orderId);
    int count = lineCount(r);
    count = (int) Math.min(count, size.products());
    List<Long> products = new ArrayList<>(count);
    while (products.size() < count) {
      long productId = shuffled(productLaw.draw(r));
      // A shop merges repeats into one line with a larger quantity, so products stay distinct.
      if (!products.contains(productId)) {
        products.add(productId);
      }
    }
    BigDecimal rate = Vocabulary.LIST_RATES.get(currency);
    OffsetDateTime at = at(placed);
    List<OrderLineRow> lines = new ArrayList<>(count);
    for (long productId : products) {
      int quantity = r.nextInt(10) < 7 ? 1 : 2 + r.nextInt(4);
      int discount = r.nextInt(10) < 7 ? 0 : DISCOUNTS[r.nextInt(DISCOUNTS.length)];
      BigDecimal price =
          PriceRow.inForce(prices(productId), at)
              .multiply(rate)
              .setScale(2, RoundingMode.HALF_EVEN);
      lines.add(new OrderLineRow(orderId, lines.size() + 1, productId, quantity, price, discount));
    }
    return lines;
  }

  private Integer openStore(SplittableRandom r, int day) {
    int shopFronts = size.stores() - 1;
    long rank = new PowerLaw(shopFronts, 0.6).draw(r);
    for (int k = 0; k < shopFronts; k++) {
      int storeId = 2 + (int) ((rank - 1 + k) % shopFronts);
      if (!calendar.storeClosed(storeId, day)) {
        return storeId;
      }
    }
    return null;
  }

  /** An active customer, skewed towards the earliest; after three churned picks, the newest. */
  private long pickCustomer(SplittableRandom r, long t) {
    long signedUp = customersSignedUpBy(t);
    PowerLaw law = new PowerLaw(signedUp, profile.customerSkew());
    for (int attempt = 0; attempt < 3; attempt++) {
      long k = law.draw(r);
      if (churn(k).atMillis() > t) {
        return k;
      }
    }
    return signedUp;
  }

  private static int lineCount(SplittableRandom r) {
    int roll = r.nextInt(100);
    int cumulative = 0;
    for (int i = 0; i < LINE_COUNT_PERCENT.length; i++) {
      cumulative += LINE_COUNT_PERCENT[i];
      if (roll < cumulative) {
        return i + 1;
      }
    }
    return LINE_COUNT_PERCENT.length;
  }

  private long shuffled(long rank) {
    return (rank - 1) * SHUFFLE_PRIME % size.products() + 1;
  }

  // ---- loyalty members and the CRM import --------------------------------------------------

  /** Loyalty members whose CRM record had been imported by the end of the history. */
  public Stream<CrmImportRow> crmImports() {
    if (!profile.has(MessyData.LATE_REFERENCES)) {
      return Stream.empty();
    }
    return LongStream.rangeClosed(1, size.loyaltyMembers())
        .mapToObj(this::member)
        .filter(m -> !m.importedAt().isAfter(END));
  }

  /** Member m's CRM record, imported one to ten days after the member joined in a store. */
  public CrmImportRow member(long memberId) {
    requireId("memberId", memberId, size.loyaltyMembers());
    SplittableRandom r = Seeds.random(seed, Seeds.MEMBER, memberId);
    Person p = Person.of(r);
    boolean messy = profile.has(MessyData.INCONSISTENT_FORMATS);
    boolean missing = profile.has(MessyData.MISSING_VALUES);
    long joined = (memberId - 1) * HISTORY_MILLIS / size.loyaltyMembers();
    OffsetDateTime importedAt = at(joined + DAY + r.nextLong(9 * DAY));
    String email =
        missing && r.nextInt(100) < 20
            ? null
            : (p.first() + "." + p.last().replace(" ", "") + ".m" + memberId + "@example.org")
                .toLowerCase(Locale.ROOT);
    return new CrmImportRow(
        loyaltyCard(memberId),
        email,
        p.first() + " " + p.last(),
        missing && r.nextInt(100) < 30 ? null : p.phone(messy ? r : null),
        CrmText.date(p.birthDate(), messy ? r : null),
        p.postcode(),
        typedCountry(p.country(), r),
        CrmText.timestamp(at(joined), messy ? r : null),
        importedAt);
  }

  /** The loyalty card number of member m. */
  public static String loyaltyCard(long memberId) {
    return String.format(Locale.ROOT, "LC-%08d", memberId);
  }

  // ---- shared helpers ----------------------------------------------------------------------

  /** The person behind a customer id: itself, or for a second registration the original's. */
  long personOf(long customerId) {
    long id = customerId;
    while (profile.has(MessyData.DUPLICATE_ENTITIES) && id > 1) {
      SplittableRandom r = Seeds.random(seed, Seeds.DUPLICATE, id);
      if (r.nextInt(100) >= 2) {
        break;
      }
      id = 1 + r.nextLong(id - 1);
    }
    return id;
  }

  private String countryOf(long customerId) {
    return Person.country(Seeds.random(seed, Seeds.PERSON, personOf(customerId)));
  }

  private String typedCountry(String code, SplittableRandom r) {
    if (!profile.has(MessyData.INCONSISTENT_FORMATS)) {
      return code;
    }
    int roll = r.nextInt(100);
    String name = Vocabulary.place(code).name();
    return roll < 60 ? code : roll < 85 ? name : name.toLowerCase(Locale.ROOT);
  }

  Churn churn(long customerId) {
    SplittableRandom r = Seeds.random(seed, Seeds.CHURN, customerId);
    boolean churner = r.nextInt(100) < 40;
    double u = r.nextDouble();
    boolean erases = r.nextInt(100) < 1;
    if (!churner) {
      return new Churn(Long.MAX_VALUE, false);
    }
    long after = (long) (-StrictMath.log1p(-u) * 500 * DAY);
    return new Churn(signedUpMillis(customerId) + DAY + after, erases);
  }

  /** When a customer stops ordering, and whether they asked to be erased then. */
  record Churn(long atMillis, boolean erases) {

    boolean erasedBy(long millis) {
      return erases && atMillis <= millis;
    }
  }

  private long signedUpMillis(long customerId) {
    return (customerId - 1) * SIGNUP_MILLIS / size.customers();
  }

  // The largest id whose signedUpMillis is <= t; at least 1, since customer 1 signs up at START.
  private long customersSignedUpBy(long t) {
    long n = size.customers();
    return Math.max(1, Math.min(n, ((t + 1) * n + SIGNUP_MILLIS - 1) / SIGNUP_MILLIS));
  }

  private long membersJoinedBy(long t) {
    long n = size.loyaltyMembers();
    return Math.max(1, Math.min(n, t * n / HISTORY_MILLIS + 1));
  }

  private static String sku(long productId) {
    return String.format(Locale.ROOT, "SKU-%07d", productId);
  }

  static OffsetDateTime at(long millisAfterStart) {
    return START.plus(millisAfterStart, ChronoUnit.MILLIS);
  }

  static long millisOf(OffsetDateTime t) {
    return ChronoUnit.MILLIS.between(START, t);
  }

  private static void requireId(String name, long id, long max) {
    if (id < 1 || id > max) {
      throw new IllegalArgumentException(name + " must be between 1 and " + max + ", got " + id);
    }
  }
}
