package lab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import lab.bench.oltp.ConnectionFactory;
import lab.bench.oltp.CopySummary;
import lab.bench.oltp.DuckDbShop;
import lab.bench.oltp.DuckDbShopCopy;
import lab.bench.oltp.OltpConfig;
import lab.bench.oltp.OltpDialect;
import lab.bench.oltp.OltpResult;
import lab.bench.oltp.OltpRunner;
import lab.bench.oltp.TxType;
import lab.cli.LabCommand;
import lab.config.LabSettings;
import lab.services.LocalLab;
import lab.shop.gen.ShopSeeder;
import lab.shop.gen.ShopSize;
import lab.shop.schema.ShopMigrations;
import lab.shop.schema.ShopTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OLTP driver against a real PostgreSQL and a real DuckDB copy of the same shop: every
 * committed transaction must show in the database exactly, and nothing else may.
 */
class OltpDriverIT {

  private static final ShopSize SMALL_SHOP = new ShopSize(300, 60, 2_000);

  /** Out of stock everywhere: every new order with this product is refused and rolled back. */
  private static final long SOLD_OUT_PRODUCT = 1;

  private static final String APPLICATION = "oltp-driver-it";

  @TempDir static Path home;

  private static LabSettings settings;
  private static LocalLab lab;

  @BeforeAll
  static void seededFullShop() throws SQLException {
    settings = TestLab.settings(home);
    lab = new LocalLab(settings);
    lab.postgres().start();
    try (Connection c = lab.postgres().connectShop()) {
      ShopMigrations.migrate(lab.postgres().shopDataSource());
      new ShopSeeder().seed(c, SMALL_SHOP, 42, n -> {});
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE inventory SET on_hand = 0 WHERE product_id = ?")) {
        ps.setLong(1, SOLD_OUT_PRODUCT);
        ps.executeUpdate();
      }
    }
  }

  @AfterAll
  static void down() {
    if (lab != null) {
      lab.down();
    }
  }

  @Test
  void everyCommittedTransactionShowsInPostgresExactly() throws SQLException {
    ConnectionFactory pg = postgres(new AtomicInteger(), Integer.MAX_VALUE);
    try (Connection check = lab.postgres().connectShop()) {
      ShopState before = ShopState.of(check);

      OltpResult r =
          new OltpRunner()
              .run(OltpConfig.counted(3, 600, Duration.ZERO, 7), OltpDialect.POSTGRES, pg, p -> {});

      assertRealEffects(r, before, ShopState.of(check), check);
      assertThat(r.total().failures()).isZero();
    }
  }

  @Test
  void theSameMixOnTheDuckDbCopyRetriesConflictsAndKeepsTheShopExact() throws Exception {
    Path file = home.resolve("oltp").resolve("shop_oltp.duckdb");
    CopySummary copy;
    try (Connection c = lab.postgres().connectShop()) {
      copy = DuckDbShopCopy.copy(c, file, (table, n) -> {});
      for (String table : ShopTables.ALL) {
        assertThat(copy.rowsPerTable().get(table)).as(table).isEqualTo(count(c, table));
      }
    }

    try (DuckDbShop duck = DuckDbShop.open(file);
        Connection check = duck.open()) {
      ShopState before = ShopState.of(check);

      OltpResult r =
          new OltpRunner()
              .run(
                  OltpConfig.counted(3, 600, Duration.ZERO, 7).withMaxRetries(50),
                  OltpDialect.DUCKDB,
                  duck,
                  p -> {});

      assertRealEffects(r, before, ShopState.of(check), check);
      assertThat(r.total().failures()).as(r.firstFailure().orElse("")).isZero();
      // New ids come from the sequences, after the copied ones.
      assertThat(ShopState.of(check).maxOrderId()).isGreaterThan(before.maxOrderId());
    }
  }

  @Test
  void aLostConnectionIsReopenedAndTheRunGoesOn() throws SQLException {
    ConnectionFactory pg = postgres(new AtomicInteger(), Integer.MAX_VALUE);
    AtomicBoolean killed = new AtomicBoolean();
    try (Connection check = lab.postgres().connectShop()) {
      ShopState before = ShopState.of(check);

      OltpResult r =
          new OltpRunner()
              .run(
                  OltpConfig.timed(2, Duration.ofSeconds(3), Duration.ZERO, 11),
                  OltpDialect.POSTGRES,
                  pg,
                  p -> {
                    if (killed.compareAndSet(false, true)) {
                      terminateClients(check);
                    }
                  });

      ShopState after = ShopState.of(check);
      assertThat(killed).isTrue();
      assertThat(r.reconnects()).isGreaterThanOrEqualTo(1);
      assertThat(r.stopReason()).isEmpty();
      // A transaction cut off in COMMIT may or may not have committed; nothing else is unknown.
      assertThat(after.orders() - before.orders())
          .isBetween(r.effects().newOrders(), r.effects().newOrders() + r.inDoubt());
      assertThat(after.minOnHand()).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void whenReconnectingFailsTheRunStopsSayingCommittedWorkIsIntact() throws SQLException {
    int clients = 2;
    // The factory opens the clients' first connections and refuses every one after.
    ConnectionFactory pg = postgres(new AtomicInteger(), clients);
    try (Connection check = lab.postgres().connectShop()) {
      long started = System.nanoTime();
      AtomicBoolean killed = new AtomicBoolean();

      OltpResult r =
          new OltpRunner()
              .run(
                  OltpConfig.timed(clients, Duration.ofSeconds(60), Duration.ZERO, 13),
                  OltpDialect.POSTGRES,
                  pg,
                  p -> {
                    if (killed.compareAndSet(false, true)) {
                      terminateClients(check);
                    }
                  });

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
      assertThat(r.stoppedEarly()).isTrue();
      assertThat(r.stopReason().orElseThrow())
          .contains("lost its connection to " + settings.shopJdbcUrl())
          .contains("could not reconnect")
          .contains("Committed work is intact")
          .contains("Check that the database is running and reachable");
    }
  }

  @Test
  void labOltpBothPrintsATablePerEngineAndTheirRatios() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int code;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      code =
          LabCommand.execute(
              "--home",
              home.toString(),
              "--pg-port",
              Integer.toString(settings.pgPort()),
              "oltp",
              "--engine",
              "both",
              "--clients",
              "2",
              "--transactions",
              "200",
              "--duckdb-file",
              home.resolve("cli").resolve("shop.duckdb").toString());
    } finally {
      System.setOut(original);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    System.out.println(printed);

    assertThat(code).isZero();
    assertThat(printed)
        .contains("copying the shop from PostgreSQL into DuckDB")
        .contains("postgres: 2 clients")
        .contains("duckdb: 2 clients")
        .contains("new order")
        .contains("stock check")
        .contains("postgres vs duckdb");
  }

  // --- checks -------------------------------------------------------------------------------

  private static void assertRealEffects(
      OltpResult r, ShopState before, ShopState after, Connection c) throws SQLException {
    for (TxType type : TxType.values()) {
      assertThat(r.of(type).completed()).as(type.label() + " completed").isPositive();
    }
    assertThat(r.of(TxType.NEW_ORDER).rollbacks())
        .as("orders refused for the sold-out product")
        .isPositive();
    assertThat(r.effects().newOrders()).isEqualTo(r.of(TxType.NEW_ORDER).committed());

    assertThat(after.orders() - before.orders())
        .as("new orders")
        .isEqualTo(r.effects().newOrders());
    assertThat(after.orderLines() - before.orderLines())
        .as("new lines")
        .isEqualTo(r.effects().orderLines());
    long unitsOrdered =
        single(
            c,
            "SELECT coalesce(sum(quantity), 0) FROM order_items WHERE order_id > ?",
            before.maxOrderId());
    assertThat(unitsOrdered).as("units in the new lines").isEqualTo(r.effects().units());
    assertThat(before.onHand() - after.onHand()).as("stock taken").isEqualTo(unitsOrdered);
    assertThat(after.minOnHand()).as("no negative stock").isGreaterThanOrEqualTo(0);
    assertThat(
            single(
                c,
                "SELECT count(*) FROM order_items WHERE product_id = ? AND order_id > ?",
                SOLD_OUT_PRODUCT,
                before.maxOrderId()))
        .as("lines of the sold-out product")
        .isZero();

    assertThat(after.payments() - before.payments())
        .as("payments")
        .isEqualTo(r.effects().payments());
    assertThat(
            single(
                c,
                "SELECT count(*) FROM payments p JOIN orders o ON o.order_id = p.order_id"
                    + " WHERE p.payment_id > ? AND o.status IN ('paid', 'shipped')",
                before.maxPaymentId()))
        .as("every new payment's order is paid (or shipped since)")
        .isEqualTo(r.effects().payments());
    assertThat(
            single(
                c,
                "SELECT count(*) FROM payments p WHERE p.payment_id > ? AND p.amount <>"
                    + " (SELECT sum(i.quantity * i.unit_price) FROM order_items i"
                    + " WHERE i.order_id = p.order_id)",
                before.maxPaymentId()))
        .as("payments whose amount is not the order's total")
        .isZero();
    assertThat(
            single(
                c,
                "SELECT count(*) FROM (SELECT order_id FROM payments GROUP BY order_id"
                    + " HAVING count(*) > 1) twice"))
        .as("orders paid twice")
        .isZero();

    assertThat(after.shipments() - before.shipments())
        .as("shipments")
        .isEqualTo(r.effects().shipments());
    assertThat(
            single(
                c,
                "SELECT count(*) FROM shipments s JOIN orders o ON o.order_id = s.order_id"
                    + " WHERE s.shipment_id > ? AND o.status = 'shipped'",
                before.maxShipmentId()))
        .as("every new shipment's order is shipped")
        .isEqualTo(r.effects().shipments());
  }

  /** Counts and sums that the transactions move, read in one statement on either engine. */
  record ShopState(
      long orders,
      long maxOrderId,
      long orderLines,
      long onHand,
      long minOnHand,
      long payments,
      long maxPaymentId,
      long shipments,
      long maxShipmentId) {

    static ShopState of(Connection c) throws SQLException {
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT (SELECT count(*) FROM orders), (SELECT coalesce(max(order_id), 0) FROM orders),"
                      + " (SELECT count(*) FROM order_items),"
                      + " (SELECT sum(on_hand) FROM inventory), (SELECT min(on_hand) FROM inventory),"
                      + " (SELECT count(*) FROM payments), (SELECT coalesce(max(payment_id), 0) FROM payments),"
                      + " (SELECT count(*) FROM shipments), (SELECT coalesce(max(shipment_id), 0) FROM shipments)")) {
        rs.next();
        ShopState s =
            new ShopState(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getLong(7),
                rs.getLong(8),
                rs.getLong(9));
        if (!c.getAutoCommit()) {
          c.commit();
        }
        return s;
      }
    }
  }

  private static long single(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    return single(c, "SELECT count(*) FROM " + table);
  }

  /** What a DBA's pg_terminate_backend or a server restart does to the driver's connections. */
  private static void terminateClients(Connection c) {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
      ps.setString(1, APPLICATION);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          assertThat(rs.getBoolean(1)).isTrue();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Connections named for this test, so it can terminate them; refuses after {@code limit}. */
  private static ConnectionFactory postgres(AtomicInteger opened, int limit) {
    return new ConnectionFactory() {
      @Override
      public Connection open() throws SQLException {
        if (opened.incrementAndGet() > limit) {
          throw new SQLException("connection refused by the test", "08001");
        }
        Properties p = new Properties();
        p.setProperty("user", settings.pgUser());
        p.setProperty("password", settings.pgPassword());
        p.setProperty("ApplicationName", APPLICATION);
        return DriverManager.getConnection(settings.shopJdbcUrl(), p);
      }

      @Override
      public String describe() {
        return settings.shopJdbcUrl();
      }
    };
  }
}
