package lab.shop.gen;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import lab.shop.jdbc.Transactions;

/**
 * The live workload's business actions against the shop, each committed whole or rolled back whole,
 * on one connection. Orders move placed → paid → shipped → delivered (or cancelled, or returned); a
 * new order takes its stock in the same transaction, and is refused if stock is short.
 *
 * <p>Several of these run at once on their own connections, at READ COMMITTED: each action locks
 * the rows it changes ({@code FOR UPDATE SKIP LOCKED} when it looks for an order in some state, so
 * two clients never wait for the same order) and takes stock rows in product-id order, so clients
 * cannot deadlock on inventory.
 */
final class ShopTransactions implements AutoCloseable {

  /** How many order ids an action scans for an order in the state it needs. */
  static final int SEARCH_WINDOW = 1_000;

  private static final int[] DISCOUNTS = {5, 10, 15, 20, 25, 30};
  private static final List<String> REASONS =
      List.of("damaged", "wrong_item", "not_as_described", "changed_mind");

  private final Connection c;
  private final long maxProductId;
  private final List<Store> shopFronts;
  private final int warehouseId;
  private long maxCustomerId;
  private long maxOrderId;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  private record Store(int id, String currency) {}

  private ShopTransactions(
      Connection c, long maxCustomerId, long maxProductId, long maxOrderId, List<Store> stores) {
    this.c = c;
    this.maxCustomerId = maxCustomerId;
    this.maxProductId = maxProductId;
    this.maxOrderId = maxOrderId;
    this.warehouseId = stores.get(0).id();
    this.shopFronts = List.copyOf(stores.subList(1, stores.size()));
  }

  /** Reads the current largest ids and the stores; the connection must not auto-commit. */
  static ShopTransactions open(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      long customers;
      long products;
      long orders;
      try (ResultSet rs =
          st.executeQuery(
              "SELECT (SELECT coalesce(max(customer_id), 0) FROM customers),"
                  + " (SELECT coalesce(max(product_id), 0) FROM products),"
                  + " (SELECT coalesce(max(order_id), 0) FROM orders)")) {
        rs.next();
        customers = rs.getLong(1);
        products = rs.getLong(2);
        orders = rs.getLong(3);
      }
      List<Store> stores = new ArrayList<>();
      // The warehouse first, then the shop fronts.
      try (ResultSet rs =
          st.executeQuery(
              "SELECT store_id, currency_code FROM stores ORDER BY kind = 'store', store_id")) {
        while (rs.next()) {
          stores.add(new Store(rs.getInt(1), rs.getString(2)));
        }
      }
      if (customers == 0 || products == 0 || stores.size() < 2) {
        throw new IllegalStateException(
            "the shop has no customers, products or stores to trade with; seed it first"
                + " (./lab load)");
      }
      return new ShopTransactions(c, customers, products, orders, stores);
    } finally {
      c.rollback();
    }
  }

  /**
   * Runs one action of the given kind with parameters drawn from {@code r} and commits it; an order
   * refused for want of stock is rolled back and reported as {@link TransactionKind#OUT_OF_STOCK}.
   *
   * @throws SQLException after rolling the transaction back
   */
  Outcome run(TransactionKind kind, SplittableRandom r) throws SQLException {
    try {
      Outcome outcome =
          switch (kind) {
            case NEW_ORDER -> newOrder(r);
            case PAYMENT -> payment(r);
            case SHIPMENT -> shipment(r);
            case DELIVERY -> delivery(r);
            case CANCELLATION -> cancellation(r);
            case RETURN -> returnLine(r);
            case PRICE_CHANGE -> priceChange(r);
            case CUSTOMER_MOVE -> move(r);
            case CUSTOMER_UPDATE -> customerUpdate(r);
            case SIGNUP -> signup(r);
            case ERASURE -> erasure(r);
            case CRM_IMPORT -> crmImport(r);
            case RESTOCK -> restock(r);
            case OUT_OF_STOCK, NOTHING -> Outcome.of(TransactionKind.NOTHING);
          };
      c.commit();
      maxOrderId = Math.max(maxOrderId, outcome.orderId());
      return outcome;
    } catch (OutOfStock e) {
      c.rollback();
      return Outcome.of(TransactionKind.OUT_OF_STOCK);
    } catch (SQLException | RuntimeException e) {
      Transactions.rollbackAfter(c, e);
      throw e;
    }
  }

  // ---- orders ------------------------------------------------------------------------------

  private Outcome newOrder(SplittableRandom r) throws SQLException {
    int channelRoll = r.nextInt(100);
    int channel =
        channelRoll < 50 ? OrderRow.WEB : channelRoll < 80 ? OrderRow.APP : OrderRow.STORE;
    Store store = channel == OrderRow.STORE ? shopFronts.get(r.nextInt(shopFronts.size())) : null;
    Long customerId = null;
    String card = null;
    String currency;
    if (store != null && r.nextInt(100) < 35) {
      card = String.format(Locale.ROOT, "LC-9%07d", r.nextInt(10_000_000));
      currency = store.currency();
    } else {
      Optional<String> country = activeCustomerCountry(customerId = 1 + r.nextLong(maxCustomerId));
      if (country.isEmpty()) {
        return Outcome.of(TransactionKind.NOTHING); // erased meanwhile
      }
      currency = store != null ? store.currency() : Vocabulary.place(country.get()).currency();
    }
    // Products in id order: stock rows are locked in that order by every client.
    TreeMap<Long, int[]> items = new TreeMap<>();
    int lines = 1 + r.nextInt(7);
    while (items.size() < Math.min(lines, maxProductId)) {
      long productId = 1 + r.nextLong(maxProductId);
      items.putIfAbsent(
          productId,
          new int[] {
            r.nextInt(10) < 7 ? 1 : 2 + r.nextInt(4),
            r.nextInt(10) < 7 ? 0 : DISCOUNTS[r.nextInt(DISCOUNTS.length)]
          });
    }
    Map<Long, BigDecimal> prices = currentPrices(items.keySet());
    BigDecimal rate = Vocabulary.LIST_RATES.get(currency);
    boolean inStore = store != null;
    PreparedStatement insert =
        prepare(
            "INSERT INTO orders (customer_id, loyalty_card, channel_id, store_id, currency_code,"
                + " status, ordered_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, now(), now())"
                + " RETURNING order_id");
    setLongOrNull(insert, 1, customerId);
    insert.setString(2, card);
    insert.setInt(3, channel);
    if (inStore) {
      insert.setInt(4, store.id());
    } else {
      insert.setNull(4, Types.INTEGER);
    }
    insert.setString(5, currency);
    insert.setString(6, inStore ? OrderRow.DELIVERED : OrderRow.PLACED);
    long orderId;
    try (ResultSet rs = insert.executeQuery()) {
      rs.next();
      orderId = rs.getLong(1);
    }
    PreparedStatement line =
        prepare(
            "INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price,"
                + " discount_pct) VALUES (?, ?, ?, ?, ?, ?)");
    PreparedStatement take =
        prepare(
            "UPDATE inventory SET on_hand = on_hand - ?, updated_at = now()"
                + " WHERE store_id = ? AND product_id = ? AND on_hand >= ?");
    // A refused order may have left lines in the batch of this reused statement: drop them.
    line.clearBatch();
    int lineNo = 0;
    BigDecimal total = BigDecimal.ZERO;
    int fulfilledFrom = inStore ? store.id() : warehouseId;
    for (Map.Entry<Long, int[]> item : items.entrySet()) {
      BigDecimal listPrice = prices.get(item.getKey());
      if (listPrice == null) {
        throw new SQLException("product " + item.getKey() + " no longer exists", "P0002");
      }
      int quantity = item.getValue()[0];
      int discount = item.getValue()[1];
      BigDecimal price = listPrice.multiply(rate).setScale(2, RoundingMode.HALF_EVEN);
      line.setLong(1, orderId);
      line.setInt(2, ++lineNo);
      line.setLong(3, item.getKey());
      line.setInt(4, quantity);
      line.setBigDecimal(5, price);
      line.setInt(6, discount);
      line.addBatch();
      total = total.add(OrderLineRow.net(price, quantity, discount));
      take.setInt(1, quantity);
      take.setInt(2, fulfilledFrom);
      take.setLong(3, item.getKey());
      take.setInt(4, quantity);
      if (take.executeUpdate() == 0) {
        throw new OutOfStock();
      }
    }
    line.executeBatch();
    if (inStore) {
      insertPayment(orderId, r.nextInt(100) < 70 ? "card" : "cash", total, currency);
    }
    return Outcome.newOrder(orderId, lineNo);
  }

  private Outcome payment(SplittableRandom r) throws SQLException {
    Optional<Locked> order = lockOrder(r, "status = 'placed'");
    if (order.isEmpty()) {
      return Outcome.of(TransactionKind.NOTHING);
    }
    int roll = r.nextInt(100);
    String method = roll < 60 ? "card" : roll < 90 ? "paypal" : "invoice";
    insertPayment(order.get().id(), method, orderTotal(order.get().id()), order.get().currency());
    setStatus(order.get().id(), OrderRow.PAID);
    return Outcome.of(TransactionKind.PAYMENT);
  }

  private Outcome shipment(SplittableRandom r) throws SQLException {
    Optional<Locked> order = lockOrder(r, "status = 'paid' AND store_id IS NULL");
    if (order.isEmpty()) {
      return Outcome.of(TransactionKind.NOTHING);
    }
    String carrier = Vocabulary.pick(Vocabulary.CARRIERS, r);
    PreparedStatement ship =
        prepare(
            "INSERT INTO shipments (order_id, carrier, tracking_no, shipped_at)"
                + " VALUES (?, ?, ?, now())");
    ship.setLong(1, order.get().id());
    ship.setString(2, carrier);
    ship.setString(
        3,
        String.format(Locale.ROOT, "%s%011d", carrier.toUpperCase(Locale.ROOT), order.get().id()));
    ship.executeUpdate();
    setStatus(order.get().id(), OrderRow.SHIPPED);
    return Outcome.of(TransactionKind.SHIPMENT);
  }

  private Outcome delivery(SplittableRandom r) throws SQLException {
    Optional<Locked> order = lockOrder(r, "status = 'shipped'");
    if (order.isEmpty()) {
      return Outcome.of(TransactionKind.NOTHING);
    }
    // now() is when this transaction began, which can be a moment before the shipping one
    // committed; a parcel is never delivered before it was shipped.
    update(
        "UPDATE shipments SET delivered_at = GREATEST(now(), shipped_at) WHERE order_id = ?",
        order.get().id());
    setStatus(order.get().id(), OrderRow.DELIVERED);
    return Outcome.of(TransactionKind.DELIVERY);
  }

  /** Before shipping: the payment, if taken, is refunded and the stock goes back. */
  private Outcome cancellation(SplittableRandom r) throws SQLException {
    Optional<Locked> order = lockOrder(r, "status IN ('placed', 'paid') AND store_id IS NULL");
    if (order.isEmpty()) {
      return Outcome.of(TransactionKind.NOTHING);
    }
    long id = order.get().id();
    update(
        "UPDATE payments SET status = 'refunded', refunded_at = now()"
            + " WHERE order_id = ? AND status = 'captured'",
        id);
    update(
        "UPDATE inventory i SET on_hand = i.on_hand + l.quantity, updated_at = now()"
            + " FROM (SELECT product_id, quantity FROM order_items WHERE order_id = ?"
            + " ORDER BY product_id) l WHERE i.store_id = ? AND i.product_id = l.product_id",
        id,
        warehouseId);
    setStatus(id, OrderRow.CANCELLED);
    return Outcome.of(TransactionKind.CANCELLATION);
  }

  private Outcome returnLine(SplittableRandom r) throws SQLException {
    Optional<Locked> order = lockOrder(r, "status = 'delivered'");
    if (order.isEmpty()) {
      return Outcome.of(TransactionKind.NOTHING);
    }
    long id = order.get().id();
    PreparedStatement lines =
        prepare(
            "SELECT line_no, quantity, unit_price, discount_pct FROM order_items"
                + " WHERE order_id = ? ORDER BY line_no");
    lines.setLong(1, id);
    List<Object[]> found = new ArrayList<>();
    try (ResultSet rs = lines.executeQuery()) {
      while (rs.next()) {
        found.add(new Object[] {rs.getInt(1), rs.getInt(2), rs.getBigDecimal(3), rs.getInt(4)});
      }
    }
    Object[] line = found.get(r.nextInt(found.size()));
    int units = 1 + r.nextInt((Integer) line[1]);
    PreparedStatement insert =
        prepare(
            "INSERT INTO returns (order_id, line_no, quantity, reason, refund_amount, returned_at)"
                + " VALUES (?, ?, ?, ?, ?, now())");
    insert.setLong(1, id);
    insert.setInt(2, (Integer) line[0]);
    insert.setInt(3, units);
    insert.setString(4, REASONS.get(r.nextInt(REASONS.size())));
    insert.setBigDecimal(5, OrderLineRow.net((BigDecimal) line[2], units, (Integer) line[3]));
    insert.executeUpdate();
    setStatus(id, OrderRow.RETURNED);
    return Outcome.of(TransactionKind.RETURN);
  }

  // ---- catalogue and stock -----------------------------------------------------------------

  /** A list price moves by -20% to +20% within the shop's range, and the price list records it. */
  private Outcome priceChange(SplittableRandom r) throws SQLException {
    long productId = 1 + r.nextLong(maxProductId);
    PreparedStatement update =
        prepare(
            "UPDATE products SET unit_price = LEAST(?, GREATEST(?, round(unit_price * ?, 2))),"
                + " updated_at = now() WHERE product_id = ? RETURNING unit_price");
    update.setBigDecimal(1, ShopRows.MAX_PRICE);
    update.setBigDecimal(2, ShopRows.MIN_PRICE);
    update.setBigDecimal(3, BigDecimal.valueOf(80 + r.nextInt(41), 2));
    update.setLong(4, productId);
    BigDecimal price;
    try (ResultSet rs = update.executeQuery()) {
      if (!rs.next()) {
        return Outcome.of(TransactionKind.NOTHING);
      }
      price = rs.getBigDecimal(1);
    }
    PreparedStatement list =
        prepare(
            "INSERT INTO product_prices (product_id, valid_from, unit_price)"
                + " VALUES (?, now(), ?) ON CONFLICT (product_id, valid_from)"
                + " DO UPDATE SET unit_price = excluded.unit_price");
    list.setLong(1, productId);
    list.setBigDecimal(2, price);
    list.executeUpdate();
    return Outcome.of(TransactionKind.PRICE_CHANGE);
  }

  /** A store (or the warehouse) tops up its twenty scarcest products. */
  private Outcome restock(SplittableRandom r) throws SQLException {
    int storeId =
        r.nextInt(4) == 0 ? warehouseId : shopFronts.get(r.nextInt(shopFronts.size())).id();
    update(
        "UPDATE inventory SET on_hand = on_hand + ?, updated_at = now() WHERE store_id = ?"
            + " AND product_id IN (SELECT product_id FROM inventory WHERE store_id = ?"
            + " ORDER BY on_hand, product_id LIMIT 20)",
        50 + r.nextInt(151),
        storeId,
        storeId);
    return Outcome.of(TransactionKind.RESTOCK);
  }

  // ---- customers ---------------------------------------------------------------------------

  /** Closes the current address and opens a new one in the same country. */
  private Outcome move(SplittableRandom r) throws SQLException {
    long customerId = 1 + r.nextLong(maxCustomerId);
    PreparedStatement close =
        prepare(
            "UPDATE customer_addresses SET valid_to = now() WHERE customer_id = ?"
                + " AND valid_to IS NULL AND valid_from < now() RETURNING country");
    close.setLong(1, customerId);
    String country;
    try (ResultSet rs = close.executeQuery()) {
      if (!rs.next()) {
        return Outcome.of(TransactionKind.NOTHING); // erased, or moved this very instant
      }
      country = rs.getString(1);
    }
    String code = country.length() == 2 ? country : countryOf(customerId);
    insertAddress(customerId, Person.of(r).movedTo(code, r), country);
    return Outcome.of(TransactionKind.CUSTOMER_MOVE);
  }

  private Outcome customerUpdate(SplittableRandom r) throws SQLException {
    long customerId = 1 + r.nextLong(maxCustomerId);
    PreparedStatement update;
    switch (r.nextInt(3)) {
      case 0 -> {
        update =
            prepare(
                "UPDATE customers SET full_name = ?, updated_at = now()"
                    + " WHERE customer_id = ? AND erased_at IS NULL");
        update.setString(1, Vocabulary.firstName(r) + " " + Vocabulary.lastName(r));
      }
      case 1 -> {
        update =
            prepare(
                "UPDATE customers SET segment = ?, updated_at = now()"
                    + " WHERE customer_id = ? AND erased_at IS NULL");
        update.setString(1, List.of("consumer", "business", "vip").get(r.nextInt(3)));
      }
      default -> {
        update =
            prepare(
                "UPDATE customers SET phone = ?, updated_at = now()"
                    + " WHERE customer_id = ? AND erased_at IS NULL");
        update.setString(1, Person.of(r).phone(null));
      }
    }
    update.setLong(2, customerId);
    return Outcome.of(
        update.executeUpdate() > 0 ? TransactionKind.CUSTOMER_UPDATE : TransactionKind.NOTHING);
  }

  private Outcome signup(SplittableRandom r) throws SQLException {
    Person p = Person.of(r);
    // The id first, so the address can carry it and stays unique however often a name repeats.
    long customerId;
    try (ResultSet rs =
        prepare("SELECT nextval(pg_get_serial_sequence('customers', 'customer_id'))")
            .executeQuery()) {
      rs.next();
      customerId = rs.getLong(1);
    }
    PreparedStatement insert =
        prepare(
            "INSERT INTO customers (customer_id, email, full_name, country, phone, birth_date,"
                + " segment, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, 'consumer', now(), now())");
    insert.setLong(1, customerId);
    insert.setString(
        2,
        (p.first() + "." + p.last().replace(" ", "") + "." + customerId + "@example.com")
            .toLowerCase(Locale.ROOT));
    insert.setString(3, p.first() + " " + p.last());
    insert.setString(4, p.country());
    insert.setString(5, p.phone(null));
    insert.setObject(6, p.birthDate());
    insert.executeUpdate();
    insertAddress(customerId, p, p.country());
    maxCustomerId = Math.max(maxCustomerId, customerId);
    return Outcome.of(TransactionKind.SIGNUP);
  }

  /** The right to erasure: the row stays for the orders' keys, anonymised; addresses go. */
  private Outcome erasure(SplittableRandom r) throws SQLException {
    long customerId = 1 + r.nextLong(maxCustomerId);
    int erased =
        update(
            "UPDATE customers SET email = 'erased-' || customer_id || '@erased.invalid',"
                + " full_name = 'erased', phone = NULL, birth_date = NULL, erased_at = now(),"
                + " updated_at = now() WHERE customer_id = ? AND erased_at IS NULL",
            customerId);
    if (erased == 0) {
      return Outcome.of(TransactionKind.NOTHING);
    }
    update("DELETE FROM customer_addresses WHERE customer_id = ?", customerId);
    return Outcome.of(TransactionKind.ERASURE);
  }

  /** The CRM delivers one loyalty member that recent store orders refer to but nobody knows. */
  private Outcome crmImport(SplittableRandom r) throws SQLException {
    PreparedStatement pending =
        prepare(
            "SELECT o.loyalty_card FROM orders o WHERE o.order_id > ? AND o.loyalty_card IS NOT"
                + " NULL AND NOT EXISTS (SELECT 1 FROM crm_customer_imports c"
                + " WHERE c.loyalty_card = o.loyalty_card) ORDER BY o.order_id LIMIT 1");
    pending.setLong(1, Math.max(0, maxOrderId - 5 * SEARCH_WINDOW));
    String card;
    try (ResultSet rs = pending.executeQuery()) {
      if (!rs.next()) {
        return Outcome.of(TransactionKind.NOTHING);
      }
      card = rs.getString(1);
    }
    Person p = Person.of(r);
    PreparedStatement insert =
        prepare(
            "INSERT INTO crm_customer_imports (loyalty_card, email, full_name, phone, birth_date,"
                + " postcode, country, registered_at, imported_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())");
    insert.setString(1, card);
    insert.setString(
        2,
        (p.first() + "." + p.last().replace(" ", "") + "." + card + "@example.org")
            .toLowerCase(Locale.ROOT));
    insert.setString(3, p.first() + " " + p.last());
    insert.setString(4, p.phone(r));
    insert.setString(5, CrmText.date(p.birthDate(), r));
    insert.setString(6, p.postcode());
    insert.setString(7, p.country());
    insert.setString(8, CrmText.timestamp(OffsetDateTime.now(ZoneOffset.UTC), r));
    insert.executeUpdate();
    return Outcome.of(TransactionKind.CRM_IMPORT);
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** An order locked for this transaction, found near a random id or else among the newest. */
  private record Locked(long id, String currency) {}

  private Optional<Locked> lockOrder(SplittableRandom r, String condition) throws SQLException {
    if (maxOrderId == 0) {
      return Optional.empty();
    }
    PreparedStatement find =
        prepare(
            "SELECT order_id, currency_code FROM orders WHERE order_id BETWEEN ? AND ? AND "
                + condition
                + " ORDER BY order_id LIMIT 1 FOR UPDATE SKIP LOCKED");
    long near = 1 + r.nextLong(maxOrderId);
    Optional<Locked> found = lock(find, near, Math.min(maxOrderId, near + SEARCH_WINDOW - 1));
    if (found.isEmpty()) {
      found = lock(find, Math.max(1, maxOrderId - SEARCH_WINDOW + 1), maxOrderId);
    }
    return found;
  }

  private static Optional<Locked> lock(PreparedStatement find, long from, long to)
      throws SQLException {
    find.setLong(1, from);
    find.setLong(2, to);
    try (ResultSet rs = find.executeQuery()) {
      return rs.next() ? Optional.of(new Locked(rs.getLong(1), rs.getString(2))) : Optional.empty();
    }
  }

  private void setStatus(long orderId, String status) throws SQLException {
    update("UPDATE orders SET status = ?, updated_at = now() WHERE order_id = ?", status, orderId);
  }

  /** Runs a prepared INSERT, UPDATE or DELETE with these parameters; returns the rows changed. */
  private int update(String sql, Object... parameters) throws SQLException {
    PreparedStatement ps = prepare(sql);
    for (int i = 0; i < parameters.length; i++) {
      ps.setObject(i + 1, parameters[i]);
    }
    return ps.executeUpdate();
  }

  private BigDecimal orderTotal(long orderId) throws SQLException {
    PreparedStatement lines =
        prepare("SELECT unit_price, quantity, discount_pct FROM order_items WHERE order_id = ?");
    lines.setLong(1, orderId);
    BigDecimal total = BigDecimal.ZERO;
    try (ResultSet rs = lines.executeQuery()) {
      while (rs.next()) {
        total = total.add(OrderLineRow.net(rs.getBigDecimal(1), rs.getInt(2), rs.getInt(3)));
      }
    }
    // A fully discounted order still needs a positive payment row: a cent, as a till would.
    return total.signum() > 0 ? total : new BigDecimal("0.01");
  }

  private void insertPayment(long orderId, String method, BigDecimal amount, String currency)
      throws SQLException {
    PreparedStatement pay =
        prepare(
            "INSERT INTO payments (order_id, method, amount, currency_code, status, paid_at)"
                + " VALUES (?, ?, ?, ?, 'captured', now())");
    pay.setLong(1, orderId);
    pay.setString(2, method);
    pay.setBigDecimal(3, amount);
    pay.setString(4, currency);
    pay.executeUpdate();
  }

  private void insertAddress(long customerId, Person p, String country) throws SQLException {
    PreparedStatement insert =
        prepare(
            "INSERT INTO customer_addresses (customer_id, street, postcode, city, region, country,"
                + " valid_from) VALUES (?, ?, ?, ?, ?, ?, now())");
    insert.setLong(1, customerId);
    insert.setString(2, p.street());
    insert.setString(3, p.postcode());
    insert.setString(4, p.city());
    insert.setString(5, p.region());
    insert.setString(6, country);
    insert.executeUpdate();
  }

  private Optional<String> activeCustomerCountry(long customerId) throws SQLException {
    PreparedStatement find =
        prepare("SELECT country FROM customers WHERE customer_id = ? AND erased_at IS NULL");
    find.setLong(1, customerId);
    try (ResultSet rs = find.executeQuery()) {
      return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
    }
  }

  private String countryOf(long customerId) throws SQLException {
    PreparedStatement find = prepare("SELECT country FROM customers WHERE customer_id = ?");
    find.setLong(1, customerId);
    try (ResultSet rs = find.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }

  private Map<Long, BigDecimal> currentPrices(Iterable<Long> productIds) throws SQLException {
    List<Long> ids = new ArrayList<>();
    productIds.forEach(ids::add);
    Array array = c.createArrayOf("bigint", ids.toArray());
    try {
      PreparedStatement read =
          prepare("SELECT product_id, unit_price FROM products WHERE product_id = ANY (?)");
      read.setArray(1, array);
      Map<Long, BigDecimal> prices = new HashMap<>();
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          prices.put(rs.getLong(1), rs.getBigDecimal(2));
        }
      }
      return prices;
    } finally {
      array.free();
    }
  }

  private static void setLongOrNull(PreparedStatement ps, int index, Long value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }

  /** Statements are prepared once per connection and reused, keyed by their SQL. */
  private PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = c.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  @Override
  public void close() throws SQLException {
    SQLException first = null;
    for (PreparedStatement statement : statements.values()) {
      try {
        statement.close();
      } catch (SQLException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** A new order would oversell a product: the whole order is rolled back. */
  private static final class OutOfStock extends RuntimeException {
    OutOfStock() {
      super(null, null, false, false);
    }
  }
}
