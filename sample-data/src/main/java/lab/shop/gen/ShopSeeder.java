package lab.shop.gen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import lab.shop.contract.ShopContract;
import lab.shop.contract.SourceTable;
import lab.shop.jdbc.Transactions;
import lab.shop.schema.ShopMigrations;
import lab.shop.schema.ShopTables;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bulk-loads the rows of {@link ShopRows} into an empty shop schema with COPY, in one commit. */
public final class ShopSeeder {

  /** Orders per round of COPY statements, and so how often progress is reported. */
  static final int ORDERS_PER_CHUNK = 5_000;

  private static final Logger log = LoggerFactory.getLogger(ShopSeeder.class);

  /** Every table the seeder writes; the migrations' reference data stays. */
  private static final List<String> SEEDED_TABLES = ShopTables.SEEDED;

  /** Seeds the realistic profile, reporting the orders written so far; see the main overload. */
  public SeedSummary seed(Connection c, ShopSize size, long seed, LongConsumer ordersWritten)
      throws SQLException {
    Objects.requireNonNull(ordersWritten, "ordersWritten");
    return seed(c, size, seed, ShopProfile.REALISTIC, p -> ordersWritten.accept(p.ordersDone()));
  }

  /**
   * Loads the whole shop for {@code size}, {@code seed} and {@code profile} in one transaction,
   * then moves each identity sequence past the largest id so that later inserts using the column
   * default do not collide with seeded rows. The connection is left in the auto-commit mode it had.
   *
   * @param progress receives progress after each reference table and every {@value
   *     #ORDERS_PER_CHUNK} orders, on this thread
   * @throws IllegalStateException if the schema is missing or the shop already has data
   * @throws CancellationException if the thread is interrupted; nothing is committed and the
   *     interrupt flag stays set
   */
  public SeedSummary seed(
      Connection c, ShopSize size, long seed, ShopProfile profile, Consumer<SeedProgress> progress)
      throws SQLException {
    Objects.requireNonNull(c, "c");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(progress, "progress");
    requireEmptyShop(c);
    Load load =
        new Load(
            CsvCopy.Target.server(c.unwrap(PGConnection.class).getCopyAPI()),
            new ShopRows(seed, size, profile),
            progress);
    log.info("seeding the shop: {} with seed {}, messy data {}", size, seed, profile.messy());
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      try (Statement st = c.createStatement()) {
        // Memory for building the indexes and for the joins that check the foreign keys at the
        // end; SET LOCAL ends with the transaction.
        st.execute("SET LOCAL maintenance_work_mem = '256MB'");
        st.execute("SET LOCAL work_mem = '256MB'");
      }
      List<ForeignKey> foreignKeys = ForeignKey.dropAll(c, SEEDED_TABLES);
      List<SecondaryIndex> indexes = SecondaryIndex.dropAll(c, SEEDED_TABLES);
      load.run();
      long copied = System.nanoTime();
      load.report("building indexes");
      SecondaryIndex.restoreAll(c, indexes);
      long indexed = System.nanoTime();
      load.report("checking foreign keys");
      ForeignKey.restoreAll(c, foreignKeys);
      log.info(
          "rows copied in {} ms; {} indexes built in {} ms; {} foreign keys validated in {} ms",
          (copied - load.started) / 1_000_000,
          indexes.size(),
          (indexed - copied) / 1_000_000,
          foreignKeys.size(),
          (System.nanoTime() - indexed) / 1_000_000);
      advanceIdentities(c);
      c.commit();
      SeedSummary summary = new SeedSummary(load.rows, load.elapsed());
      log.info("seeded the shop: {}", summary);
      return summary;
    } catch (SQLException | RuntimeException e) {
      Transactions.rollbackAfter(c, e);
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /**
   * Writes the rows {@link #seed} would load as one CSV file a table, {@code <dir>/<table>.csv}
   * (first line: the columns), exactly as they would be sent to the server's COPY; identity columns
   * the server would fill are not in them. For tools that need the seeded shop without a server
   * (the exercises' change log). The directory must hold no such files yet.
   */
  public SeedSummary writeCsv(Path dir, ShopSize size, long seed, ShopProfile profile)
      throws SQLException {
    try {
      Files.createDirectories(dir);
      for (String table : SEEDED_TABLES) {
        if (Files.exists(dir.resolve(table + ".csv"))) {
          throw new IllegalStateException(
              dir.resolve(table + ".csv") + " exists already; write the shop to an empty folder");
        }
      }
    } catch (IOException e) {
      throw new SQLException("cannot create " + dir + ": " + e.getMessage(), "58030", e);
    }
    Load load = new Load(CsvCopy.Target.files(dir), new ShopRows(seed, size, profile), p -> {});
    load.run();
    return new SeedSummary(load.rows, load.elapsed());
  }

  /**
   * Empties every table the seeder writes and restarts their identities, in one transaction; the
   * reference data the migrations wrote (currencies, sales channels) stays.
   */
  public static void reset(Connection c) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(true);
    try (Statement st = c.createStatement()) {
      st.execute("TRUNCATE " + String.join(", ", SEEDED_TABLES) + " RESTART IDENTITY");
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** One load in progress: the copy API, the rows, and the running counts. */
  private static final class Load {
    private final CsvCopy.Target copy;
    private final ShopRows shop;
    private final Consumer<SeedProgress> progress;
    private final Map<String, Long> rows = new LinkedHashMap<>();
    final long started = System.nanoTime();
    private long rowsDone;
    private long ordersDone;

    Load(CsvCopy.Target copy, ShopRows shop, Consumer<SeedProgress> progress) {
      this.copy = copy;
      this.shop = shop;
      this.progress = progress;
    }

    Duration elapsed() {
      return Duration.ofNanos(System.nanoTime() - started);
    }

    void run() throws SQLException {
      ShopSize size = shop.size();
      copyCategories();
      copySuppliers();
      copyStores();
      copyProducts();
      copyInventory();
      copyCustomers();
      copyCrmImports();
      // Orders are generated one chunk ahead on a second thread while the previous chunk is
      // copied, so generating (this JVM) and loading (the server) use both cores.
      ExecutorService generator =
          Executors.newSingleThreadExecutor(
              task -> {
                Thread t = new Thread(task, "shop-generator");
                t.setDaemon(true);
                return t;
              });
      try {
        Future<List<OrderHistory>> next = generator.submit(() -> generate(1));
        for (long first = 1; first <= size.orders(); first += ORDERS_PER_CHUNK) {
          List<OrderHistory> chunk = await(next);
          if (first + ORDERS_PER_CHUNK <= size.orders()) {
            long nextFirst = first + ORDERS_PER_CHUNK;
            next = generator.submit(() -> generate(nextFirst));
          }
          copyOrderChunk(chunk);
        }
      } finally {
        generator.shutdownNow();
      }
    }

    private List<OrderHistory> generate(long first) {
      long last = Math.min(shop.size().orders(), first + ORDERS_PER_CHUNK - 1);
      List<OrderHistory> chunk = new ArrayList<>((int) (last - first + 1));
      for (long id = first; id <= last; id++) {
        chunk.add(shop.order(id));
      }
      return chunk;
    }

    private List<OrderHistory> await(Future<List<OrderHistory>> chunk) {
      try {
        return chunk.get();
      } catch (InterruptedException e) {
        // The flag stays set for the caller; seed() rolls back on the way out.
        Thread.currentThread().interrupt();
        throw new CancellationException(
            "seeding was interrupted after " + ordersDone + " orders; nothing was committed");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException("generating orders failed", e.getCause());
      }
    }

    private void done(String table, long n) {
      rows.merge(table, n, Long::sum);
      rowsDone += n;
    }

    private void report(String phase) {
      progress.accept(
          new SeedProgress(phase, ordersDone, shop.size().orders(), rowsDone, elapsed()));
    }

    private void copyCategories() throws SQLException {
      try (CsvCopy csv = copy.start("categories", "category_id, parent_id, name")) {
        for (CategoryRow row : shop.categories()) {
          csv.number(row.categoryId())
              .numberOrNull(row.parentId() == null ? null : (long) row.parentId())
              .text(row.name())
              .endRow();
        }
        done("categories", csv.finish());
      }
    }

    private void copySuppliers() throws SQLException {
      try (CsvCopy csv = copy.start("suppliers", "supplier_id, name, country, region")) {
        for (int id = 1; id <= shop.size().suppliers(); id++) {
          SupplierRow row = shop.supplier(id);
          csv.number(row.supplierId()).text(row.name()).text(row.country()).text(row.region());
          csv.endRow();
        }
        done("suppliers", csv.finish());
      }
    }

    private void copyStores() throws SQLException {
      try (CsvCopy csv =
          copy.start(
              "stores",
              "store_id, store_code, name, kind, city, country, currency_code, opened_at")) {
        for (StoreRow row : shop.stores()) {
          csv.number(row.storeId())
              .text(row.storeCode())
              .text(row.name())
              .text(row.kind())
              .text(row.city())
              .text(row.country())
              .text(row.currency())
              .timestamp(row.openedAt())
              .endRow();
        }
        done("stores", csv.finish());
      }
      report("stores");
    }

    private void copyProducts() throws SQLException {
      List<PriceRow> prices = new ArrayList<>();
      try (CsvCopy csv =
          copy.start(
              "products",
              "product_id, sku, name, category, category_id, supplier_id, unit_price, unit_cost,"
                  + " updated_at")) {
        for (long id = 1; id <= shop.size().products(); id++) {
          ProductRow row = shop.product(id);
          csv.number(row.productId())
              .text(row.sku())
              .text(row.name())
              .textOrNull(row.category())
              .numberOrNull(row.categoryId() == null ? null : (long) row.categoryId())
              .number(row.supplierId())
              .money(row.unitPrice())
              .money(row.unitCost())
              .timestamp(row.updatedAt())
              .endRow();
          prices.addAll(row.prices());
        }
        done("products", csv.finish());
      }
      try (CsvCopy csv = copy.start("product_prices", "product_id, valid_from, unit_price")) {
        for (PriceRow row : prices) {
          csv.number(row.productId()).timestamp(row.validFrom()).money(row.unitPrice()).endRow();
        }
        done("product_prices", csv.finish());
      }
      report("products");
    }

    private void copyInventory() throws SQLException {
      try (CsvCopy csv = copy.start("inventory", "store_id, product_id, on_hand, updated_at")) {
        for (int store = 1; store <= shop.size().stores(); store++) {
          for (long product = 1; product <= shop.size().products(); product++) {
            csv.number(store)
                .number(product)
                .number(shop.inventory(store, product))
                .timestamp(ShopRows.END)
                .endRow();
          }
        }
        done("inventory", csv.finish());
      }
      report("inventory");
    }

    private void copyCustomers() throws SQLException {
      List<AddressRow> addresses = new ArrayList<>();
      try (CsvCopy csv =
          copy.start(
              "customers",
              "customer_id, email, full_name, country, phone, birth_date, segment, created_at,"
                  + " updated_at, erased_at")) {
        for (long id = 1; id <= shop.size().customers(); id++) {
          CustomerRow row = shop.customer(id);
          csv.number(row.customerId())
              .text(row.email())
              .text(row.fullName())
              .text(row.country())
              .textOrNull(row.phone())
              .dateOrNull(row.birthDate())
              .text(row.segment())
              .timestamp(row.createdAt())
              .timestamp(row.updatedAt())
              .timestampOrNull(row.erasedAt())
              .endRow();
          addresses.addAll(shop.addresses(id));
        }
        done("customers", csv.finish());
      }
      // Ids come from the identity column, in the order written: deterministic for one COPY.
      try (CsvCopy csv =
          copy.start(
              "customer_addresses",
              "customer_id, street, postcode, city, region, country, valid_from, valid_to")) {
        for (AddressRow row : addresses) {
          csv.number(row.customerId())
              .text(row.street())
              .text(row.postcode())
              .text(row.city())
              .textOrNull(row.region())
              .text(row.country())
              .timestamp(row.validFrom())
              .timestampOrNull(row.validTo())
              .endRow();
        }
        done("customer_addresses", csv.finish());
      }
      report("customers");
    }

    private void copyCrmImports() throws SQLException {
      try (CsvCopy csv =
          copy.start(
              "crm_customer_imports",
              "loyalty_card, email, full_name, phone, birth_date, postcode, country,"
                  + " registered_at, imported_at")) {
        for (CrmImportRow row : (Iterable<CrmImportRow>) shop.crmImports()::iterator) {
          csv.text(row.loyaltyCard())
              .textOrNull(row.email())
              .textOrNull(row.fullName())
              .textOrNull(row.phone())
              .textOrNull(row.birthDate())
              .textOrNull(row.postcode())
              .textOrNull(row.country())
              .textOrNull(row.registeredAt())
              .timestamp(row.importedAt())
              .endRow();
        }
        done("crm_customer_imports", csv.finish());
      }
    }

    /** One chunk of orders with everything they own, parents first. */
    private void copyOrderChunk(List<OrderHistory> chunk) throws SQLException {
      try (CsvCopy csv =
          copy.start(
              "orders",
              "order_id, customer_id, loyalty_card, channel_id, store_id, currency_code, status,"
                  + " ordered_at, updated_at")) {
        for (OrderHistory h : chunk) {
          OrderRow row = h.order();
          csv.number(row.orderId())
              .numberOrNull(row.customerId())
              .textOrNull(row.loyaltyCard())
              .number(row.channelId())
              .numberOrNull(row.storeId() == null ? null : (long) row.storeId())
              .text(row.currency())
              .text(row.status())
              .timestamp(row.orderedAt())
              .timestamp(row.updatedAt())
              .endRow();
        }
        done("orders", csv.finish());
      }
      try (CsvCopy csv =
          copy.start(
              "order_items", "order_id, line_no, product_id, quantity, unit_price, discount_pct")) {
        for (OrderHistory h : chunk) {
          for (OrderLineRow row : h.lines()) {
            csv.number(row.orderId())
                .number(row.lineNo())
                .number(row.productId())
                .number(row.quantity())
                .money(row.unitPrice())
                .number(row.discountPct())
                .endRow();
          }
        }
        done("order_items", csv.finish());
      }
      try (CsvCopy csv =
          copy.start(
              "payments",
              "order_id, method, amount, currency_code, status, paid_at, refunded_at")) {
        for (OrderHistory h : chunk) {
          if (h.payment().isPresent()) {
            PaymentRow row = h.payment().get();
            csv.number(row.orderId())
                .text(row.method())
                .money(row.amount())
                .text(row.currencyCode())
                .text(row.status())
                .timestamp(row.paidAt())
                .timestampOrNull(row.refundedAt())
                .endRow();
          }
        }
        done("payments", csv.finish());
      }
      try (CsvCopy csv =
          copy.start("shipments", "order_id, carrier, tracking_no, shipped_at, delivered_at")) {
        for (OrderHistory h : chunk) {
          if (h.shipment().isPresent()) {
            ShipmentRow row = h.shipment().get();
            csv.number(row.orderId())
                .text(row.carrier())
                .text(row.trackingNo())
                .timestamp(row.shippedAt())
                .timestampOrNull(row.deliveredAt())
                .endRow();
          }
        }
        done("shipments", csv.finish());
      }
      try (CsvCopy csv =
          copy.start(
              "returns", "order_id, line_no, quantity, reason, refund_amount, returned_at")) {
        for (OrderHistory h : chunk) {
          for (ReturnRow row : h.returns()) {
            csv.number(row.orderId())
                .number(row.lineNo())
                .number(row.quantity())
                .text(row.reason())
                .money(row.refundAmount())
                .timestamp(row.returnedAt())
                .endRow();
          }
        }
        done("returns", csv.finish());
      }
      ordersDone += chunk.size();
      report("orders");
    }
  }

  private static void requireEmptyShop(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT to_regclass('payments') IS NOT NULL")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        throw new IllegalStateException(
            "the shop schema is missing or older than V2; run ShopMigrations.migrate(connection)"
                + " first");
      }
    }
    if (ShopMigrations.hasShopData(c)) {
      throw new IllegalStateException(
          "the shop database already has data; seed only an empty shop (reset it first, e.g."
              + " ./lab load --reset)");
    }
  }

  /**
   * COPY with explicit ids does not advance the sequences of the identity columns ({@link
   * ShopContract#withIdentities}): set each after the largest id loaded.
   */
  private static void advanceIdentities(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (SourceTable identity : ShopContract.withIdentities()) {
        // With no rows, is_called = false makes the next default 1.
        st.execute(
            "SELECT setval(pg_get_serial_sequence('"
                + identity.name()
                + "', '"
                + identity.identity()
                + "'), coalesce((SELECT max("
                + identity.identity()
                + ") FROM "
                + identity.name()
                + "), 1), (SELECT count(*) > 0 FROM "
                + identity.name()
                + "))");
      }
    }
  }
}
