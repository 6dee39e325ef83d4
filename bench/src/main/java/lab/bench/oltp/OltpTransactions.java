package lab.bench.oltp;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import lab.shop.jdbc.Transactions;

/**
 * The five transactions on one connection, each committed whole or rolled back whole. The SQL is
 * the same on PostgreSQL and DuckDB except for {@link OltpDialect#lockClause()} and the snapshot
 * statement of read-only transactions.
 */
final class OltpTransactions implements AutoCloseable {

  static final String FIND_CUSTOMER =
      "SELECT customer_id FROM customers WHERE customer_id >= ? AND erased_at IS NULL"
          + " ORDER BY customer_id LIMIT 1";
  // Fixed at MAX_LINES parameters, the unused ones repeating a product: no array parameters,
  // which the two drivers bind differently, and one statement to prepare.
  static final String READ_PRICES =
      "SELECT product_id, unit_price FROM products WHERE product_id IN (?, ?, ?, ?, ?, ?, ?)";
  static final String TAKE_STOCK =
      "UPDATE inventory SET on_hand = on_hand - ?, updated_at = current_timestamp"
          + " WHERE store_id = ? AND product_id = ? AND on_hand >= ?";
  static final String INSERT_ORDER =
      "INSERT INTO orders (customer_id, status, ordered_at, updated_at, channel_id, store_id,"
          + " currency_code) VALUES (?, 'placed', current_timestamp, current_timestamp, ?, ?, ?)"
          + " RETURNING order_id";
  static final String INSERT_LINE =
      "INSERT INTO order_items (order_id, line_no, product_id, quantity, unit_price)"
          + " VALUES (?, ?, ?, ?, ?)";
  static final String FIND_PLACED =
      "SELECT order_id, channel_id, currency_code FROM orders"
          + " WHERE order_id BETWEEN ? AND ? AND status = 'placed' ORDER BY order_id LIMIT 1";
  static final String LINES_FOR_TOTAL =
      "SELECT quantity, unit_price, discount_pct FROM order_items WHERE order_id = ?";
  static final String ADVANCE_STATUS =
      "UPDATE orders SET status = ?, updated_at = current_timestamp"
          + " WHERE order_id = ? AND status = ?";
  static final String INSERT_PAYMENT =
      "INSERT INTO payments (order_id, method, amount, currency_code, status, paid_at)"
          + " VALUES (?, ?, ?, ?, 'captured', current_timestamp)";
  static final String FIND_PAID =
      "SELECT order_id FROM orders WHERE order_id BETWEEN ? AND ? AND status = 'paid'"
          + " ORDER BY order_id LIMIT "
          + Choices.DELIVERY_BATCH;
  static final String INSERT_SHIPMENT =
      "INSERT INTO shipments (order_id, carrier, tracking_no, shipped_at)"
          + " VALUES (?, ?, ?, current_timestamp)";
  static final String LATEST_ORDER =
      "SELECT order_id, status, ordered_at, currency_code FROM orders WHERE customer_id = ?"
          + " ORDER BY order_id DESC LIMIT 1";
  static final String ORDER_LINES =
      "SELECT line_no, product_id, quantity, unit_price FROM order_items WHERE order_id = ?"
          + " ORDER BY line_no";
  static final String ORDER_PAYMENTS =
      "SELECT payment_id, method, amount, status FROM payments WHERE order_id = ?";
  static final String ORDER_SHIPMENT =
      "SELECT shipment_id, carrier, tracking_no, shipped_at FROM shipments WHERE order_id = ?";
  static final String STOCK_LEVEL =
      "SELECT count(DISTINCT i.product_id) FROM (SELECT order_id FROM orders WHERE store_id = ?"
          + " ORDER BY order_id DESC LIMIT 20) o"
          + " JOIN order_items i ON i.order_id = o.order_id"
          + " JOIN inventory v ON v.store_id = ? AND v.product_id = i.product_id"
          + " WHERE v.on_hand < ?";

  private final Connection c;
  private final OltpDialect dialect;
  private final ShopShape shop;
  private final AtomicLong maxOrderId;
  private final Statements statements;

  /**
   * @param maxOrderId the largest order id known to the run, shared by its clients and raised by
   *     each committed new order, so payments find the orders the run placed
   */
  OltpTransactions(Connection c, OltpDialect dialect, ShopShape shop, AtomicLong maxOrderId) {
    this.c = c;
    this.dialect = dialect;
    this.shop = shop;
    this.maxOrderId = maxOrderId;
    this.statements = new Statements(c);
  }

  /** How one transaction ended: committed, or rolled back by a business rule (short stock). */
  record Outcome(boolean committed, Effects effects) {

    static final Outcome ROLLED_BACK = new Outcome(false, Effects.NONE);

    static Outcome committed(Effects effects) {
      return new Outcome(true, effects);
    }
  }

  /**
   * COMMIT itself failed. If the connection was lost meanwhile, the transaction is in doubt: the
   * server committed it whole or not at all, and only the database can tell which.
   */
  static final class CommitFailed extends SQLException {
    private static final long serialVersionUID = 1L;

    CommitFailed(SQLException cause) {
      super("commit failed: " + cause.getMessage(), cause.getSQLState(), cause);
    }
  }

  /** A business rule refused the transaction; it is rolled back and counted, not an error. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused() {
      super(null, null, false, false);
    }
  }

  /**
   * Runs one transaction with parameters from {@code r} and commits it, or rolls it back if a
   * business rule refuses it.
   *
   * @throws SQLException after rolling back (where the connection still allows it)
   */
  Outcome run(TxType type, SplittableRandom r) throws SQLException {
    try {
      if (type.readOnly() && dialect.readOnlyBegin() != null) {
        try (Statement st = c.createStatement()) {
          st.execute(dialect.readOnlyBegin());
        }
      }
      Effects effects =
          switch (type) {
            case NEW_ORDER -> newOrder(r);
            case PAYMENT -> payment(r);
            case ORDER_STATUS -> orderStatus(r);
            case DELIVERY -> delivery(r);
            case STOCK_CHECK -> stockCheck(r);
          };
      try {
        c.commit();
      } catch (SQLException e) {
        throw new CommitFailed(e);
      }
      return Outcome.committed(effects);
    } catch (Refused refused) {
      c.rollback();
      return Outcome.ROLLED_BACK;
    } catch (SQLException | RuntimeException e) {
      Transactions.rollbackAfter(c, e);
      throw e;
    }
  }

  /**
   * Reads current prices, takes stock at the fulfilling store (refused if any line is short, like
   * TPC-C's one percent of new orders with an unknown item), then writes the order and its lines.
   * Stock is taken first so that a refused order has written nothing.
   */
  private Effects newOrder(SplittableRandom r) throws SQLException, Refused {
    Choices.NewOrder o = Choices.newOrder(r, shop);
    long customerId = findCustomer(o.customerFrom());
    Map<Long, BigDecimal> prices = prices(o.items());
    PreparedStatement take = statements.get(TAKE_STOCK);
    long units = 0;
    for (Choices.Item item : o.items()) {
      if (!prices.containsKey(item.productId())) {
        throw new Refused();
      }
      take.setInt(1, item.quantity());
      take.setInt(2, o.fulfilFrom());
      take.setLong(3, item.productId());
      take.setInt(4, item.quantity());
      if (take.executeUpdate() != 1) {
        throw new Refused(); // short of stock, or the store does not carry the product
      }
      units += item.quantity();
    }
    PreparedStatement insert = statements.get(INSERT_ORDER);
    insert.setLong(1, customerId);
    insert.setInt(2, o.channelId());
    if (o.storeId() == null) {
      insert.setNull(3, java.sql.Types.INTEGER);
    } else {
      insert.setInt(3, o.storeId());
    }
    insert.setString(4, o.currencyCode());
    long orderId;
    try (ResultSet rs = insert.executeQuery()) {
      rs.next();
      orderId = rs.getLong(1);
    }
    PreparedStatement line = statements.get(INSERT_LINE);
    int lineNo = 0;
    for (Choices.Item item : o.items()) {
      line.setLong(1, orderId);
      line.setInt(2, ++lineNo);
      line.setLong(3, item.productId());
      line.setInt(4, item.quantity());
      line.setBigDecimal(5, prices.get(item.productId()));
      line.executeUpdate();
    }
    maxOrderId.accumulateAndGet(orderId, Math::max);
    return new Effects(1, lineNo, units, 0, 0);
  }

  private long findCustomer(long from) throws SQLException, Refused {
    PreparedStatement ps = statements.get(FIND_CUSTOMER);
    ps.setLong(1, from);
    try (ResultSet rs = ps.executeQuery()) {
      if (rs.next()) {
        return rs.getLong(1);
      }
    }
    throw new Refused(); // only erased customers from here on
  }

  private Map<Long, BigDecimal> prices(List<Choices.Item> items) throws SQLException {
    PreparedStatement ps = statements.get(READ_PRICES);
    for (int i = 0; i < Choices.MAX_LINES; i++) {
      ps.setLong(i + 1, items.get(Math.min(i, items.size() - 1)).productId());
    }
    Map<Long, BigDecimal> prices = new HashMap<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        prices.put(rs.getLong(1), rs.getBigDecimal(2));
      }
    }
    return prices;
  }

  /**
   * Captures a payment for an order still placed: status first, guarded by the old status, so that
   * of two clients paying the same order one finds it changed (PostgreSQL) or conflicts (DuckDB).
   */
  private Effects payment(SplittableRandom r) throws SQLException, Refused {
    int methodRoll = r.nextInt(100);
    PreparedStatement find = statements.get(FIND_PLACED + dialect.lockClause());
    for (Choices.IdRange range : Choices.searchWindows(r, maxOrderId.get())) {
      find.setLong(1, range.from());
      find.setLong(2, range.to());
      long orderId;
      int channelId;
      String currency;
      try (ResultSet rs = find.executeQuery()) {
        if (!rs.next()) {
          continue;
        }
        orderId = rs.getLong(1);
        channelId = rs.getInt(2);
        currency = rs.getString(3).strip();
      }
      BigDecimal amount = total(orderId);
      if (amount.signum() <= 0 || !advance(orderId, "placed", "paid")) {
        throw new Refused(); // nothing to charge, or paid by another client meanwhile
      }
      PreparedStatement pay = statements.get(INSERT_PAYMENT);
      pay.setLong(1, orderId);
      pay.setString(2, Choices.paymentMethod(methodRoll, channelId));
      pay.setBigDecimal(3, amount);
      pay.setString(4, currency);
      pay.executeUpdate();
      return new Effects(0, 0, 0, 1, 0);
    }
    throw new Refused(); // no placed order in any window
  }

  private BigDecimal total(long orderId) throws SQLException {
    PreparedStatement ps = statements.get(LINES_FOR_TOTAL);
    ps.setLong(1, orderId);
    List<OrderTotal.Line> lines = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        lines.add(new OrderTotal.Line(rs.getInt(1), rs.getBigDecimal(2), rs.getInt(3)));
      }
    }
    return OrderTotal.of(lines);
  }

  private boolean advance(long orderId, String from, String to) throws SQLException {
    PreparedStatement ps = statements.get(ADVANCE_STATUS);
    ps.setString(1, to);
    ps.setLong(2, orderId);
    ps.setString(3, from);
    return ps.executeUpdate() == 1;
  }

  /** Ships up to ten paid orders, oldest first within the first window that has any. */
  private Effects delivery(SplittableRandom r) throws SQLException, Refused {
    String carrier = Choices.CARRIERS.get(r.nextInt(Choices.CARRIERS.size()));
    PreparedStatement find = statements.get(FIND_PAID + dialect.lockClause());
    for (Choices.IdRange range : Choices.searchWindows(r, maxOrderId.get())) {
      find.setLong(1, range.from());
      find.setLong(2, range.to());
      List<Long> orderIds = new ArrayList<>();
      try (ResultSet rs = find.executeQuery()) {
        while (rs.next()) {
          orderIds.add(rs.getLong(1));
        }
      }
      if (orderIds.isEmpty()) {
        continue;
      }
      PreparedStatement ship = statements.get(INSERT_SHIPMENT);
      long shipped = 0;
      for (long orderId : orderIds) {
        if (!advance(orderId, "paid", "shipped")) {
          continue; // cannot happen under PostgreSQL's row lock; a guard, not a path
        }
        ship.setLong(1, orderId);
        ship.setString(2, carrier);
        ship.setString(3, Choices.trackingNo(carrier, orderId));
        ship.executeUpdate();
        shipped++;
      }
      if (shipped == 0) {
        throw new Refused();
      }
      return new Effects(0, 0, 0, 0, shipped);
    }
    throw new Refused(); // nothing paid to ship in any window
  }

  /** Read-only: a customer's latest order with its lines, payments and shipment. */
  private Effects orderStatus(SplittableRandom r) throws SQLException {
    long customerId = 1 + r.nextLong(shop.maxCustomerId());
    PreparedStatement latest = statements.get(LATEST_ORDER);
    latest.setLong(1, customerId);
    long orderId;
    try (ResultSet rs = latest.executeQuery()) {
      if (!rs.next()) {
        return Effects.NONE; // a customer who has not ordered yet
      }
      orderId = rs.getLong(1);
      consume(rs);
    }
    for (String sql : List.of(ORDER_LINES, ORDER_PAYMENTS, ORDER_SHIPMENT)) {
      PreparedStatement ps = statements.get(sql);
      ps.setLong(1, orderId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          consume(rs);
        }
      }
    }
    return Effects.NONE;
  }

  /** Read-only: how many products sold in a store's last 20 orders are running low there. */
  private Effects stockCheck(SplittableRandom r) throws SQLException {
    Store store = Choices.stockCheckStore(r, shop);
    PreparedStatement ps = statements.get(STOCK_LEVEL);
    ps.setInt(1, store.storeId());
    ps.setInt(2, store.storeId());
    ps.setInt(3, Choices.stockThreshold(r));
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      rs.getLong(1);
    }
    return Effects.NONE;
  }

  // An application reads what it asked for; fetching every column keeps both engines honest.
  private static void consume(ResultSet rs) throws SQLException {
    int n = rs.getMetaData().getColumnCount();
    for (int i = 1; i <= n; i++) {
      rs.getObject(i);
    }
  }

  @Override
  public void close() {
    statements.close();
  }
}
