package lab.shop.gen;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The live workload's transactions against the shop, each committed whole or rolled back whole. It
 * remembers the largest ids so it can pick existing rows, and learns of the orders it adds.
 */
final class ShopTransactions implements AutoCloseable {

  /**
   * How many order ids a status change scans for an order still in flight. Most historical orders
   * are shipped, so it looks near a random order first and then among the newest orders, where the
   * workload's own placed orders are; the window bounds either scan.
   */
  static final int STATUS_SEARCH_WINDOW = 1_000;

  private final Connection c;
  private final long maxCustomerId;
  private final long maxProductId;
  private long maxOrderId;

  private final List<PreparedStatement> statements = new ArrayList<>();
  private final PreparedStatement insertOrder;
  private final PreparedStatement readPrices;
  private final PreparedStatement insertLine;
  private final PreparedStatement lockInFlightOrder;
  private final PreparedStatement updateStatus;
  private final PreparedStatement updatePrice;
  private final PreparedStatement updateName;
  private final PreparedStatement updateCountry;

  private ShopTransactions(Connection c, MaxIds maxIds) throws SQLException {
    this.c = c;
    this.maxCustomerId = maxIds.customerId();
    this.maxProductId = maxIds.productId();
    this.maxOrderId = maxIds.orderId();
    try {
      insertOrder =
          prepare(
              "INSERT INTO orders (customer_id, status, ordered_at, updated_at)"
                  + " VALUES (?, ?, now(), now()) RETURNING order_id");
      // A plain read is enough: the price is the one in force when the order is placed, and
      // locking it would make every popular product a point of contention.
      readPrices =
          prepare("SELECT product_id, unit_price FROM products WHERE product_id = ANY (?)");
      insertLine =
          prepare(
              "INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price)"
                  + " VALUES (?, ?, ?, ?, ?)");
      lockInFlightOrder =
          prepare(
              "SELECT order_id, status FROM orders WHERE order_id BETWEEN ? AND ?"
                  + " AND status IN ('placed', 'paid') ORDER BY order_id LIMIT 1 FOR UPDATE");
      updateStatus = prepare("UPDATE orders SET status = ?, updated_at = now() WHERE order_id = ?");
      updatePrice =
          prepare(
              "UPDATE products SET unit_price = LEAST(?, GREATEST(?, round(unit_price * ?, 2))),"
                  + " updated_at = now() WHERE product_id = ?");
      updateName =
          prepare("UPDATE customers SET full_name = ?, updated_at = now() WHERE customer_id = ?");
      updateCountry =
          prepare("UPDATE customers SET country = ?, updated_at = now() WHERE customer_id = ?");
    } catch (SQLException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Reads the current largest ids; the connection must not be in auto-commit mode. */
  static ShopTransactions open(Connection c) throws SQLException {
    MaxIds maxIds;
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT (SELECT coalesce(max(customer_id), 0) FROM customers),"
                    + " (SELECT coalesce(max(product_id), 0) FROM products),"
                    + " (SELECT coalesce(max(order_id), 0) FROM orders)")) {
      rs.next();
      maxIds = new MaxIds(rs.getLong(1), rs.getLong(2), rs.getLong(3));
    } finally {
      c.rollback();
    }
    if (maxIds.customerId() == 0 || maxIds.productId() == 0) {
      throw new IllegalStateException(
          "the shop has no customers or no products to trade with; seed it first (ShopSeeder)");
    }
    return new ShopTransactions(c, maxIds);
  }

  long maxCustomerId() {
    return maxCustomerId;
  }

  long maxProductId() {
    return maxProductId;
  }

  long maxOrderId() {
    return maxOrderId;
  }

  /**
   * Runs one transaction of the given kind with parameters drawn from {@code r}, and commits it.
   *
   * @param number the transaction's sequence number in the run, for error messages
   * @throws SQLException after rolling the transaction back, naming the transaction
   */
  Outcome run(long number, TransactionKind kind, SplittableRandom r) throws SQLException {
    try {
      Outcome outcome =
          switch (kind) {
            case NEW_ORDER -> newOrder(r);
            case STATUS_CHANGE -> advanceStatus(r);
            case PRICE_CHANGE -> changePrice(r);
            case CUSTOMER_UPDATE -> updateCustomer(r);
            case NOTHING -> Outcome.of(TransactionKind.NOTHING);
          };
      c.commit();
      maxOrderId = Math.max(maxOrderId, outcome.orderId());
      return outcome;
    } catch (SQLException e) {
      rollback(e);
      throw new SQLException(
          "live transaction #"
              + number
              + " ("
              + kind
              + ") failed and was rolled back: "
              + e.getMessage(),
          e.getSQLState(),
          e);
    } catch (RuntimeException e) {
      rollback(e);
      throw e;
    }
  }

  private Outcome newOrder(SplittableRandom r) throws SQLException {
    long customerId = 1 + r.nextLong(maxCustomerId);
    List<Baskets.Item> items = Baskets.pick(r, maxProductId);
    Map<Long, BigDecimal> prices = currentPrices(items);
    insertOrder.setLong(1, customerId);
    insertOrder.setString(2, OrderRow.PLACED);
    long orderId;
    try (ResultSet rs = insertOrder.executeQuery()) {
      rs.next();
      orderId = rs.getLong(1);
    }
    int lineNo = 0;
    for (Baskets.Item item : items) {
      BigDecimal price = prices.get(item.productId());
      if (price == null) {
        throw new SQLException("product " + item.productId() + " no longer exists", "P0002");
      }
      insertLine.setLong(1, orderId);
      insertLine.setInt(2, ++lineNo);
      insertLine.setLong(3, item.productId());
      insertLine.setInt(4, item.quantity());
      insertLine.setBigDecimal(5, price);
      insertLine.addBatch();
    }
    insertLine.executeBatch();
    return Outcome.newOrder(orderId, lineNo);
  }

  private Map<Long, BigDecimal> currentPrices(List<Baskets.Item> items) throws SQLException {
    Long[] ids = items.stream().map(Baskets.Item::productId).toArray(Long[]::new);
    Array array = c.createArrayOf("bigint", ids);
    try {
      readPrices.setArray(1, array);
      Map<Long, BigDecimal> prices = new HashMap<>();
      try (ResultSet rs = readPrices.executeQuery()) {
        while (rs.next()) {
          prices.put(rs.getLong(1), rs.getBigDecimal(2));
        }
      }
      return prices;
    } finally {
      array.free();
    }
  }

  /** placed -> paid -> shipped; if no order nearby is in flight, the customer orders instead. */
  private Outcome advanceStatus(SplittableRandom r) throws SQLException {
    Optional<InFlight> order = Optional.empty();
    if (maxOrderId > 0) {
      long near = 1 + r.nextLong(maxOrderId);
      order = lockInFlight(near, Math.min(maxOrderId, near + STATUS_SEARCH_WINDOW - 1));
      if (order.isEmpty()) {
        order = lockInFlight(Math.max(1, maxOrderId - STATUS_SEARCH_WINDOW + 1), maxOrderId);
      }
    }
    if (order.isEmpty()) {
      return newOrder(r);
    }
    updateStatus.setString(1, order.get().nextStatus());
    updateStatus.setLong(2, order.get().orderId());
    updateStatus.executeUpdate();
    return Outcome.of(TransactionKind.STATUS_CHANGE);
  }

  private Optional<InFlight> lockInFlight(long fromId, long toId) throws SQLException {
    lockInFlightOrder.setLong(1, fromId);
    lockInFlightOrder.setLong(2, toId);
    try (ResultSet rs = lockInFlightOrder.executeQuery()) {
      return rs.next()
          ? Optional.of(new InFlight(rs.getLong(1), rs.getString(2)))
          : Optional.empty();
    }
  }

  /** A price moves by -20% to +20%, in whole percent, and stays within the shop's price range. */
  private Outcome changePrice(SplittableRandom r) throws SQLException {
    long productId = 1 + r.nextLong(maxProductId);
    updatePrice.setBigDecimal(1, ShopRows.MAX_PRICE);
    updatePrice.setBigDecimal(2, ShopRows.MIN_PRICE);
    updatePrice.setBigDecimal(3, BigDecimal.valueOf(80 + r.nextInt(41), 2));
    updatePrice.setLong(4, productId);
    return changed(updatePrice.executeUpdate(), TransactionKind.PRICE_CHANGE);
  }

  /** A customer changes name or moves country; the email stays, as it is the login. */
  private Outcome updateCustomer(SplittableRandom r) throws SQLException {
    long customerId = 1 + r.nextLong(maxCustomerId);
    PreparedStatement update;
    if (r.nextBoolean()) {
      update = updateName;
      update.setString(1, Vocabulary.firstName(r) + " " + Vocabulary.lastName(r));
    } else {
      update = updateCountry;
      update.setString(1, Vocabulary.country(r));
    }
    update.setLong(2, customerId);
    return changed(update.executeUpdate(), TransactionKind.CUSTOMER_UPDATE);
  }

  private static Outcome changed(int rows, TransactionKind kind) {
    return Outcome.of(rows > 0 ? kind : TransactionKind.NOTHING);
  }

  private void rollback(Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = c.prepareStatement(sql);
    statements.add(statement);
    return statement;
  }

  @Override
  public void close() throws SQLException {
    SQLException first = null;
    for (PreparedStatement statement : statements) {
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

  /** The largest ids in the shop when the run starts; 0 for an empty table. */
  private record MaxIds(long customerId, long productId, long orderId) {}

  /** An order still being fulfilled, locked for this transaction. */
  private record InFlight(long orderId, String status) {

    String nextStatus() {
      return OrderRow.PLACED.equals(status) ? OrderRow.PAID : OrderRow.SHIPPED;
    }
  }
}
