package lab.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import lab.config.LabSettings;
import lab.services.LocalLab;
import lab.shop.gen.LiveSummary;
import lab.shop.gen.LiveWorkload;
import lab.shop.gen.ShopProfile;
import lab.shop.gen.ShopSeeder;
import lab.shop.gen.ShopSize;
import lab.shop.gen.TransactionKind;
import lab.shop.schema.ShopMigrations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live workload on several connections against a real PostgreSQL: what it commits holds. */
class LiveWorkloadIT {

  @TempDir static Path home;
  private static LocalLab lab;

  @BeforeAll
  static void seededShop() throws SQLException {
    LabSettings settings = TestLab.settings(home);
    lab = new LocalLab(settings);
    lab.postgres().start();
    lab.postgres().recreateShopDatabase();
    try (Connection c = lab.postgres().connectShop()) {
      ShopMigrations.migrate(lab.postgres().shopDataSource());
      new ShopSeeder().seed(c, ShopSize.ofScale(0.002), 42, ShopProfile.REALISTIC, p -> {});
    }
  }

  @AfterAll
  static void stop() {
    if (lab != null) {
      lab.down();
    }
  }

  @Test
  void fourClientsCommitWholeBusinessActionsThatKeepTheShopConsistent() throws SQLException {
    // A third of the catalogue sold out everywhere: many new orders are refused and rolled back,
    // and a refused order must leave nothing behind for the next one on its connection.
    execute("UPDATE inventory SET on_hand = 0 WHERE product_id % 3 = 0");
    long ordersBefore = count("SELECT count(*) FROM orders");
    long linesBefore = count("SELECT count(*) FROM order_items");

    LiveSummary s =
        new LiveWorkload()
            .run(lab.postgres()::connectShop, 4, 200, Duration.ofSeconds(4), 11, p -> {});

    assertThat(s.connections()).isEqualTo(4);
    assertThat(s.newOrders()).isPositive();
    assertThat(s.count(TransactionKind.PAYMENT)).isPositive();
    assertThat(s.count(TransactionKind.OUT_OF_STOCK)).isPositive();
    assertThat(count("SELECT count(*) FROM orders")).isEqualTo(ordersBefore + s.newOrders());
    assertThat(count("SELECT count(*) FROM order_items")).isEqualTo(linesBefore + s.orderLines());
    // Every order past payment has been paid, every shipped order has its parcel.
    assertThat(
            count(
                "SELECT count(*) FROM orders o WHERE status IN ('paid', 'shipped', 'delivered',"
                    + " 'returned') AND NOT EXISTS (SELECT 1 FROM payments p"
                    + " WHERE p.order_id = o.order_id)"))
        .isZero();
    assertThat(
            count(
                "SELECT count(*) FROM orders o WHERE status IN ('shipped', 'delivered', 'returned')"
                    + " AND store_id IS NULL AND NOT EXISTS (SELECT 1 FROM shipments s"
                    + " WHERE s.order_id = o.order_id)"))
        .isZero();
    assertThat(
            count(
                "SELECT count(*) FROM (SELECT customer_id FROM customer_addresses"
                    + " WHERE valid_to IS NULL GROUP BY customer_id HAVING count(*) > 1) x"))
        .isZero();
    assertThat(count("SELECT count(*) FROM inventory WHERE on_hand < 0")).isZero();
  }

  @Test
  void anInterruptStopsEveryClientAndStillReturnsTheSummary() throws Exception {
    AtomicReference<Thread> runner = new AtomicReference<>();
    CompletableFuture<LiveSummary> run =
        CompletableFuture.supplyAsync(
            () -> {
              runner.set(Thread.currentThread());
              try {
                return new LiveWorkload()
                    .run(lab.postgres()::connectShop, 2, 100, Duration.ofMinutes(10), 12, p -> {});
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> runner.get() != null && count("SELECT count(*) FROM payments") > 0);
    long ordersBefore = count("SELECT count(*) FROM orders");
    runner.get().interrupt();

    LiveSummary s = run.get(30, TimeUnit.SECONDS);

    assertThat(s.elapsed()).isLessThan(Duration.ofMinutes(1));
    assertThat(count("SELECT count(*) FROM orders")).isGreaterThanOrEqualTo(ordersBefore);
    assertThat(
            count(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = 'shop'"
                    + " AND state = 'idle in transaction'"))
        .isZero();
  }

  @Test
  void clientsWhoseConnectionsAreKilledReconnectOnceAndCarryOn() throws Exception {
    AtomicReference<LiveSummary> done = new AtomicReference<>();
    CompletableFuture<Void> run =
        CompletableFuture.runAsync(
            () -> {
              try {
                done.set(
                    new LiveWorkload()
                        .run(
                            lab.postgres()::connectShop,
                            2,
                            100,
                            Duration.ofSeconds(6),
                            13,
                            p -> {}));
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    long paymentsBefore = count("SELECT count(*) FROM payments");
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count("SELECT count(*) FROM payments") > paymentsBefore);
    execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'shop'"
            + " AND backend_type = 'client backend' AND pid <> pg_backend_pid()");

    run.get(60, TimeUnit.SECONDS);

    assertThat(done.get().transactions()).isPositive();
    assertThat(done.get().elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = lab.postgres().connectShop();
        var st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = lab.postgres().connectShop();
        var st = c.createStatement();
        var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
