package lab.shop.gen;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.LongConsumer;
import lab.shop.schema.ShopMigrations;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bulk-loads the rows of {@link ShopRows} into an empty shop schema with COPY. */
public final class ShopSeeder {

  /** Orders per pair of COPY statements, and so how often progress is reported. */
  static final int ORDERS_PER_CHUNK = 5_000;

  private static final Logger log = LoggerFactory.getLogger(ShopSeeder.class);

  private static final List<Identity> IDENTITIES =
      List.of(
          new Identity("customers", "customer_id"),
          new Identity("products", "product_id"),
          new Identity("orders", "order_id"));

  /** A table's identity column, whose sequence COPY with explicit ids does not advance. */
  private record Identity(String table, String column) {}

  /**
   * Loads customers, products, orders and their lines for {@code size} and {@code seed} in one
   * transaction, then moves each identity sequence past the largest id so that later inserts using
   * the column default do not collide with seeded rows.
   *
   * <p>The connection is left in the auto-commit mode it had.
   *
   * @param progress receives the number of orders written so far (with their lines), every {@value
   *     #ORDERS_PER_CHUNK} orders and once at the end
   * @throws IllegalStateException if the schema is missing or the shop already has data
   * @throws CancellationException if the thread is interrupted; nothing is committed and the
   *     interrupt flag stays set
   */
  public SeedSummary seed(Connection c, ShopSize size, long seed, LongConsumer progress)
      throws SQLException {
    Objects.requireNonNull(c, "c");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(progress, "progress");
    requireEmptyShop(c);
    ShopRows rows = new ShopRows(seed, size);
    CopyManager copyManager = c.unwrap(PGConnection.class).getCopyAPI();
    long started = System.nanoTime();
    log.info("seeding the shop: {} with seed {}", size, seed);

    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      long customers = copyCustomers(copyManager, rows);
      long products = copyProducts(copyManager, rows);
      long[] ordersAndLines = copyOrders(copyManager, rows, progress);
      advanceIdentities(c);
      c.commit();
      SeedSummary summary =
          new SeedSummary(
              customers,
              products,
              ordersAndLines[0],
              ordersAndLines[1],
              Duration.ofNanos(System.nanoTime() - started));
      log.info("seeded the shop: {}", summary);
      return summary;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException rollbackFailed) {
        e.addSuppressed(rollbackFailed);
      }
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private static void requireEmptyShop(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT to_regclass('customers') IS NOT NULL")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        throw new IllegalStateException(
            "the shop schema is missing; run ShopMigrations.migrate(connection) first");
      }
    }
    if (ShopMigrations.hasShopData(c)) {
      throw new IllegalStateException(
          "the shop database already has data; seed only an empty shop (drop and re-create the"
              + " database, or TRUNCATE customers, products, orders, order_items first)");
    }
  }

  private static long copyCustomers(CopyManager copyManager, ShopRows rows) throws SQLException {
    try (CsvCopy copy =
        CsvCopy.start(
            copyManager,
            "customers",
            "customer_id, email, full_name, country, created_at, updated_at")) {
      for (long id = 1; id <= rows.size().customers(); id++) {
        CustomerRow row = rows.customer(id);
        copy.number(row.customerId())
            .text(row.email())
            .text(row.fullName())
            .text(row.country())
            .timestamp(row.createdAt())
            .timestamp(row.createdAt())
            .endRow();
      }
      return copy.finish();
    }
  }

  private static long copyProducts(CopyManager copyManager, ShopRows rows) throws SQLException {
    try (CsvCopy copy =
        CsvCopy.start(
            copyManager, "products", "product_id, sku, name, category, unit_price, updated_at")) {
      for (long id = 1; id <= rows.size().products(); id++) {
        ProductRow row = rows.product(id);
        copy.number(row.productId())
            .text(row.sku())
            .text(row.name())
            .text(row.category())
            .money(row.unitPrice())
            .timestamp(ShopRows.START)
            .endRow();
      }
      return copy.finish();
    }
  }

  /**
   * Orders and their lines go in chunks, orders first because order_items references them. Each
   * COPY queues a foreign-key check per row until the statement ends, so chunks also keep that
   * queue small when the shop has a hundred million orders.
   */
  private static long[] copyOrders(CopyManager copyManager, ShopRows rows, LongConsumer progress)
      throws SQLException {
    long orders = 0;
    long lines = 0;
    long total = rows.size().orders();
    for (long first = 1; first <= total; first += ORDERS_PER_CHUNK) {
      if (Thread.currentThread().isInterrupted()) {
        // The flag is left set for the caller; the seed method rolls back on the way out.
        throw new CancellationException(
            "seeding was interrupted after " + orders + " orders; nothing was committed");
      }
      long last = Math.min(total, first + ORDERS_PER_CHUNK - 1);
      orders += copyOrderChunk(copyManager, rows, first, last);
      lines += copyLineChunk(copyManager, rows, first, last);
      progress.accept(orders);
    }
    return new long[] {orders, lines};
  }

  private static long copyOrderChunk(CopyManager copyManager, ShopRows rows, long first, long last)
      throws SQLException {
    try (CsvCopy copy =
        CsvCopy.start(
            copyManager, "orders", "order_id, customer_id, status, ordered_at, updated_at")) {
      for (long id = first; id <= last; id++) {
        OrderRow row = rows.order(id);
        copy.number(row.orderId())
            .number(row.customerId())
            .text(row.status())
            .timestamp(row.orderedAt())
            .timestamp(row.orderedAt())
            .endRow();
      }
      return copy.finish();
    }
  }

  private static long copyLineChunk(CopyManager copyManager, ShopRows rows, long first, long last)
      throws SQLException {
    try (CsvCopy copy =
        CsvCopy.start(
            copyManager, "order_items", "order_id, line_no, product_id, quantity, unit_price")) {
      for (long id = first; id <= last; id++) {
        for (OrderLineRow row : rows.lines(id)) {
          copy.number(row.orderId())
              .number(row.lineNo())
              .number(row.productId())
              .number(row.quantity())
              .money(row.unitPrice())
              .endRow();
        }
      }
      return copy.finish();
    }
  }

  private static void advanceIdentities(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (Identity identity : IDENTITIES) {
        // is_called = true: the next default is max + 1.
        st.execute(
            "SELECT setval(pg_get_serial_sequence('"
                + identity.table()
                + "', '"
                + identity.column()
                + "'), (SELECT max("
                + identity.column()
                + ") FROM "
                + identity.table()
                + "), true)");
      }
    }
  }
}
