package lab.warehouse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import lab.warehouse.schema.Freshness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse side of the ETL on its own: change rows in, star out, in real DuckDB. */
class StarSinkTest {

  private static final String SIGN_UP = "2025-01-10 08:00:00.000000Z";
  private static final String NEW_YEAR = "2026-01-01 09:00:00.000000Z";
  private static final String MOVED = "2026-02-01 00:00:00.000000Z";
  private static final String LATER = "2026-03-01 12:00:00.000000Z";

  @TempDir Path dir;
  private StarSink sink;
  private long batchId;

  @BeforeEach
  void open() throws SQLException {
    sink = StarSink.open(dir.resolve("wh.duckdb"));
  }

  @AfterEach
  void close() throws SQLException {
    sink.close();
  }

  @Test
  void anOrderLineBecomesAFactWithItsDimensionsKeysAndBothCurrencies() throws SQLException {
    apply(shop().customer(10, "consumer", 100).address(1, 10, "Berlin", "Germany", SIGN_UP, 101));
    apply(
        new Changes()
            .order(1, 10L, "paid", NEW_YEAR, "SEK", null, 200)
            .line(1, 1, 7, 3, "10.00", 10, 201));

    assertThat(
            query(
                "SELECT f.date_key, c.city, g.country_code, p.category, f.currency_code,"
                    + " f.net_amount, f.net_amount_rpt FROM fact_sales f"
                    + " JOIN dim_customer c USING (customer_key)"
                    + " JOIN dim_geography g ON g.geography_key = f.geography_key"
                    + " JOIN dim_product p USING (product_key)"))
        .isEqualTo("20260101|Berlin|DE|Shoes|SEK|27.00|2.35");
  }

  @Test
  void aMoveStartsANewCustomerVersionAndLaterOrdersUseIt() throws SQLException {
    apply(shop().customer(10, "consumer", 100).address(1, 10, "Berlin", "DE", SIGN_UP, 101));
    apply(
        new Changes()
            .address(1, 10, "Berlin", "DE", SIGN_UP, MOVED, 300)
            .address(2, 10, "Paris", "france", MOVED, null, 301)
            .order(1, 10L, "paid", NEW_YEAR, "EUR", null, 302)
            .line(1, 1, 7, 1, "5.00", 0, 303)
            .order(2, 10L, "paid", LATER, "EUR", null, 304)
            .line(2, 1, 7, 1, "5.00", 0, 305));

    assertThat(
            query(
                "SELECT count(*), count(*) FILTER (WHERE is_current) FROM dim_customer"
                    + " WHERE customer_id = 10"))
        .isEqualTo("2|1");
    assertThat(
            query(
                "SELECT string_agg(c.city, ',' ORDER BY f.order_id) FROM fact_sales f"
                    + " JOIN dim_customer c USING (customer_key)"))
        .isEqualTo("Berlin,Paris");
  }

  @Test
  void aPersonsLaterArrivingFirstRegistrationTakesOverAndTheMergedIdLeavesTheDimension()
      throws SQLException {
    // Same name, birth date and first postcode: one person, whose conformed id is the lowest
    // shop id. The scale-1 CDC snapshot delivered such pairs in two batches, higher id first,
    // and the higher id kept dimension rows of its own (2,071 at scale 1; a backfill, cut into
    // other batches, had 11).
    apply(shop().customer(20, "consumer", 100).address(2, 20, "Berlin", "DE", SIGN_UP, 101));
    apply(
        new Changes()
            .customer(10, "business", 200)
            .address(1, 10, "Berlin", "DE", SIGN_UP, 201)
            .order(1, 20L, "paid", NEW_YEAR, "EUR", null, 202)
            .line(1, 1, 7, 1, "5.00", 0, 203));

    assertThat(
            query(
                "SELECT string_agg(DISTINCT customer_id, ',') FROM dim_customer WHERE customer_id > 0"))
        .isEqualTo("10");
    assertThat(
            query(
                "SELECT c.customer_id, c.segment FROM fact_sales f"
                    + " JOIN dim_customer c USING (customer_key)"))
        .isEqualTo("10|business");
  }

  @Test
  void aReplayedBatchIsAppliedOnceAndARedeliveredChangeIsStale() throws SQLException {
    Changes changes =
        shop()
            .customer(10, "consumer", 100)
            .order(1, 10L, "paid", NEW_YEAR, "EUR", null, 200)
            .line(1, 1, 7, 2, "5.00", 0, 201);
    StarBatch first = changes.batch("p", batchId++);
    sink.apply(first);

    assertThat(sink.apply(first).alreadyApplied()).isTrue();
    BatchResult redelivered = sink.apply(changes.batch("p", batchId++));

    assertThat(redelivered.stale()).isEqualTo(changes.size());
    assertThat(query("SELECT count(*), sum(net_amount) FROM fact_sales")).isEqualTo("1|10.00");
  }

  @Test
  void aSnapshotCopiedWhileBatchesCommitAndCheckpointIsAlwaysAConsistentWarehouse()
      throws Exception {
    // A sink that checkpoints after every commit, so checkpoints and copies contend all the time.
    int orders = 15;
    try (StarSink busy = StarSink.open(dir.resolve("busy.duckdb"), 0)) {
      busy.apply(shop().customer(10, "consumer", 100).batch("p", 0));
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 1; i <= orders; i++) {
                  Changes order =
                      new Changes()
                          .order(i, 10L, "paid", NEW_YEAR, "EUR", null, 1000 + 2L * i)
                          .line(i, 1, 7, 1, "5.00", 0, 1001 + 2L * i);
                  try {
                    busy.apply(order.batch("p", i));
                  } catch (SQLException e) {
                    throw new CompletionException(e);
                  }
                }
              });
      Path snapshot = dir.resolve("busy.snapshot.duckdb");
      List<String> seen = new ArrayList<>();
      boolean last = false;
      while (!last) {
        last = writer.isDone();
        busy.publishSnapshot(snapshot);
        // Every batch is one transaction: a snapshot holds whole batches, one fact line each.
        String counts =
            queryFile(
                snapshot,
                "SELECT (SELECT count(*) FROM etl_batch_ledger) - 1,"
                    + " (SELECT count(*) FROM fact_sales), (SELECT count(*) FROM cur_order_items)");
        String[] n = counts.split("\\|");
        assertThat(n[1]).as("fact lines in a snapshot of %s batches", n[0]).isEqualTo(n[0]);
        assertThat(n[2]).isEqualTo(n[0]);
        seen.add(n[0]);
      }
      writer.get();
      assertThat(seen).last().isEqualTo(String.valueOf(orders));
      assertThat(seen).hasSizeGreaterThan(1);
    }
  }

  /**
   * The copy runs outside the sink's lock, so batches commit meanwhile; a checkpoint would rewrite
   * blocks of the file under it. Held halfway, a copy must keep the next batch's checkpoint (after
   * every commit here) waiting, and the snapshot must be the warehouse before that batch.
   */
  @Test
  void noCheckpointRunsWhileASnapshotIsBeingCopied() throws Exception {
    CountDownLatch copying = new CountDownLatch(1);
    CountDownLatch batchDone = new CountDownLatch(1);
    AtomicBoolean batchFinishedDuringCopy = new AtomicBoolean();
    StarSink.FileCopy heldHalfway =
        (from, to) -> {
          long size = Files.size(from);
          try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
              FileChannel out =
                  FileChannel.open(
                      to,
                      StandardOpenOption.CREATE,
                      StandardOpenOption.TRUNCATE_EXISTING,
                      StandardOpenOption.WRITE)) {
            in.transferTo(0, size / 2, out);
            copying.countDown();
            try {
              batchFinishedDuringCopy.set(batchDone.await(2, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            in.transferTo(size / 2, Files.size(from) - size / 2, out);
          }
        };
    Path snapshot = dir.resolve("held.snapshot.duckdb");
    try (StarSink held = StarSink.open(dir.resolve("held.duckdb"), 0, heldHalfway)) {
      held.apply(shop().customer(10, "consumer", 100).batch("p", 0));
      CompletableFuture<Void> batch =
          CompletableFuture.runAsync(
              () -> {
                try {
                  copying.await();
                  held.apply(
                      new Changes()
                          .order(1, 10L, "paid", NEW_YEAR, "EUR", null, 200)
                          .line(1, 1, 7, 1, "5.00", 0, 201)
                          .batch("p", 1));
                  batchDone.countDown();
                } catch (SQLException | InterruptedException e) {
                  throw new CompletionException(e);
                }
              });

      held.publishSnapshot(snapshot);
      batch.get(1, TimeUnit.MINUTES);

      assertThat(batchFinishedDuringCopy).as("a batch checkpointed during the copy").isFalse();
      assertThat(queryFile(snapshot, "SELECT count(*) FROM etl_batch_ledger")).isEqualTo("1");
      held.publishSnapshot(snapshot);
      assertThat(queryFile(snapshot, "SELECT count(*) FROM fact_sales")).isEqualTo("1");
    }
  }

  @Test
  void aCommitCheckpointsOnlyOnceTheWalPassesTheThreshold() throws SQLException {
    Path wal = dir.resolve("wh.duckdb.wal");
    apply(shop().customer(10, "consumer", 100));
    assertThat(wal).exists();
    assertThat(wal.toFile().length()).isPositive().isLessThan(16L << 20);

    try (StarSink eager = StarSink.open(dir.resolve("eager.duckdb"), 0)) {
      eager.apply(shop().customer(10, "consumer", 100).batch("p", 0));
      Path eagerWal = dir.resolve("eager.duckdb.wal");
      assertThat(eagerWal.toFile().length()).isZero();
    }
  }

  @Test
  void aDeleteLeavesATombstoneThatKeepsTheRowsLastAttributesWhereverTheBatchesWereCut()
      throws SQLException {
    // An erasure deletes the customer's addresses; a delete carries only the key.
    apply(shop().customer(10, "consumer", 100).address(1, 10, "Berlin", "DE", SIGN_UP, 101));
    apply(new Changes().delete("customer_addresses", 300, "{\"address_id\":1}"));
    apply(
        new Changes()
            .address(2, 10, "Paris", "FR", MOVED, 400)
            .delete("customer_addresses", 401, "{\"address_id\":2}")
            .address(3, 10, "Rome", "IT", LATER, 402));

    assertThat(
            query(
                "SELECT string_agg(address_id || ':' || city || ':' || is_deleted, ','"
                    + " ORDER BY address_id) FROM cur_customer_addresses"))
        .isEqualTo("1:Berlin:true,2:Paris:true,3:Rome:false");
  }

  @Test
  void duplicatesWithinABatchAreCountedAndAppliedOnce() throws SQLException {
    Changes changes = shop().order(1, null, "placed", NEW_YEAR, "EUR", "CARD-1", 200);
    changes.rows.add(changes.rows.get(changes.rows.size() - 1));

    BatchResult result = apply(changes);

    assertThat(result.duplicates()).isEqualTo(1);
    assertThat(query("SELECT count(*) FROM cur_orders")).isEqualTo("1");
  }

  @Test
  void anOlderChangeDeliveredLaterDoesNotOverwriteANewerOne() throws SQLException {
    apply(shop().order(1, 10L, "shipped", NEW_YEAR, "EUR", null, 300));

    apply(new Changes().order(1, 10L, "placed", NEW_YEAR, "EUR", null, 100));

    assertThat(query("SELECT status FROM cur_orders")).isEqualTo("shipped");
  }

  @Test
  void aLoyaltyCardOrderGetsAnInferredMemberThatTheCrmCompletesInPlace() throws SQLException {
    apply(
        shop()
            .order(1, null, "paid", NEW_YEAR, "EUR", "CARD-7", 200)
            .line(1, 1, 7, 1, "5.00", 0, 201));
    String inferred =
        query("SELECT customer_key, is_inferred FROM dim_customer WHERE customer_id < 0");

    apply(new Changes().crmImport(1, "CARD-7", " Ann@Example.COM ", "Ann Lee", "05.03.1990", 300));

    String key = inferred.split("\\|")[0];
    assertThat(inferred).endsWith("|true");
    assertThat(
            query(
                "SELECT customer_key, is_inferred, email_std, full_name FROM dim_customer"
                    + " WHERE customer_id < 0"))
        .isEqualTo(key + "|false|ann@example.com|Ann Lee");
    assertThat(query("SELECT customer_key FROM fact_sales")).isEqualTo(key);
  }

  @Test
  void theSamePersonRegisteredTwiceIsOneConformedCustomer() throws SQLException {
    apply(
        shop()
            .customer(10, "consumer", 100)
            .address(1, 10, "Berlin", "DE", SIGN_UP, 101)
            .customer(11, "consumer", 102)
            .address(2, 11, "Berlin", "DE", SIGN_UP, 103)
            .order(1, 11L, "paid", NEW_YEAR, "EUR", null, 200)
            .line(1, 1, 7, 1, "5.00", 0, 201));

    assertThat(
            query(
                "SELECT source_customer_id, customer_id, match_rule FROM customer_id_map"
                    + " WHERE source_customer_id = 11"))
        .isEqualTo("11|10|name+birth_date+postcode");
    assertThat(
            query("SELECT c.customer_id FROM fact_sales JOIN dim_customer c USING (customer_key)"))
        .isEqualTo("10");
  }

  @Test
  void theDailySnapshotHasAZeroRowForEveryStoreOnADayWithoutSales() throws SQLException {
    apply(
        shop()
            .order(1, null, "paid", NEW_YEAR, "EUR", "CARD-1", 200)
            .line(1, 1, 7, 2, "5.00", 0, 201)
            .order(2, null, "paid", "2026-01-03 10:00:00.000000Z", "EUR", "CARD-1", 202)
            .line(2, 1, 7, 1, "5.00", 0, 203));

    assertThat(query("SELECT count(*) FROM dim_date")).isEqualTo("3");
    assertThat(
            query(
                "SELECT string_agg(date_key || ':' || net_amount_rpt, ',' ORDER BY date_key)"
                    + " FROM fact_daily_store_sales WHERE store_key = 0"))
        .isEqualTo("20260101:10.00,20260102:0.00,20260103:5.00");
  }

  @Test
  void anOrderShippedWithoutAPaymentIsAGapUntilThePaymentArrivesOrIsRepaired() throws Exception {
    apply(
        shop()
            .order(1, 10L, "shipped", NEW_YEAR, "EUR", null, 200)
            .order(2, 10L, "paid", NEW_YEAR, "EUR", null, 201));

    assertThat(sink.openGaps(0, 10))
        .containsExactlyInAnyOrder(
            new Gap(1, Gap.PAID_WITHOUT_PAYMENT),
            new Gap(1, Gap.SHIPPED_WITHOUT_SHIPMENT),
            new Gap(2, Gap.PAID_WITHOUT_PAYMENT));

    apply(new Changes().payment(1, 1, 300)); // late, through the stream
    apply(new Changes().payment(2, 2, 0)); // re-read from the shop: source position 0
    sink.closeGaps(List.of(new Gap(1, Gap.SHIPPED_WITHOUT_SHIPMENT)), "not in the shop either");

    assertThat(sink.openGaps(0, 10)).isEmpty();
    assertThat(query("SELECT order_id, gap, outcome FROM etl_repair_log ORDER BY 1, 2"))
        .isEqualTo(
            "1|paid without a payment|arrived in the stream\n"
                + "1|shipped without a shipment|not in the shop either\n"
                + "2|paid without a payment|repaired from the shop");
    assertThat(
            query(
                "SELECT order_id, paid_at IS NOT NULL, repaired FROM fact_order_fulfillment"
                    + " ORDER BY 1"))
        .isEqualTo("1|true|false\n2|true|true");

    // The repaired payment's own change arrives after all: it replaces the re-read row, and the
    // fact no longer stands on a repair, as if the event had been on time (as in a backfill).
    apply(new Changes().payment(2, 2, 400));
    assertThat(
            query(
                "SELECT order_id, paid_at IS NOT NULL, repaired FROM fact_order_fulfillment"
                    + " ORDER BY 1"))
        .isEqualTo("1|true|false\n2|true|false");
    assertThat(query("SELECT outcome FROM etl_repair_log WHERE order_id = 2"))
        .isEqualTo("repaired from the shop");
  }

  @Test
  void aChangeOfATableTheWarehouseDoesNotKnowIsRefusedAndNothingIsApplied() throws SQLException {
    Changes changes = shop();
    changes.rows.add(new ChangeRow("coupons", 500, 0, false, "{\"coupon_id\":1}"));

    assertThatThrownBy(() -> apply(changes)).hasMessageContaining("no cur_coupons table");
    assertThat(query("SELECT count(*) FROM etl_batch_ledger")).isEqualTo("0");
  }

  @Test
  void eachBatchRecordsHowLongItsChangesTookFromTheShopsCommit() throws SQLException {
    long now = System.currentTimeMillis();
    Changes late = new Changes();
    for (int i = 1; i <= 100; i++) {
      // 98 changes committed 1 s ago, 2 a minute ago
      long lag = i <= 98 ? 1_000 : 60_000;
      late.rows.add(
          new ChangeRow(
              "categories",
              10 + i,
              now - lag,
              false,
              "{\"category_id\":" + i + ",\"name\":\"C\"}"));
    }
    // a repair's re-read (source position 0) is no stream event and is not counted
    late.rows.add(
        new ChangeRow("categories", 0, now, false, "{\"category_id\":500,\"name\":\"R\"}"));
    apply(late);

    try (Connection c = readSnapshot()) {
      Freshness f = Freshness.lately(c, Duration.ofMinutes(5)).orElseThrow();
      long applyMs = System.currentTimeMillis() - now; // the batch's own time adds to every lag
      assertThat(f.changes()).isEqualTo(100);
      assertThat(f.p50Ms()).isBetween(1_000L, 1_010L + applyMs);
      assertThat(f.p95Ms()).isEqualTo(f.p50Ms());
      assertThat(f.p99Ms()).isBetween(60_000L, 61_000L + applyMs);
      assertThat(f.maxMs()).isEqualTo(f.p99Ms());
    }
  }

  private BatchResult apply(Changes changes) throws SQLException {
    return sink.apply(changes.batch("p", batchId++));
  }

  /** Reference data every test needs: a product with its category and supplier, FX rates. */
  private static Changes shop() {
    return new Changes()
        .row("sales_channels", 1, "{\"channel_id\":1,\"code\":\"web\",\"name\":\"Web shop\"}")
        .row("categories", 2, "{\"category_id\":1,\"name\":\"Fashion\"}")
        .row("categories", 3, "{\"category_id\":101,\"parent_id\":1,\"name\":\"Shoes\"}")
        .row(
            "suppliers",
            4,
            "{\"supplier_id\":1,\"name\":\"Acme\",\"country\":\"NL\",\"region\":\"EU-West\"}")
        .row(
            "products",
            5,
            "{\"product_id\":7,\"sku\":\"SKU-7\",\"name\":\"Red Shoe\",\"unit_price\":\"10.00\","
                + "\"category_id\":101,\"supplier_id\":1,\"unit_cost\":\"4.00\"}")
        .fx("SEK", "11.50000000");
  }

  /** Change rows as the ETL delivers them, built like the shop's history they describe. */
  private static final class Changes {
    final List<ChangeRow> rows = new ArrayList<>();
    final List<FxRate> fx = new ArrayList<>();

    Changes row(String table, long lsn, String json) {
      rows.add(new ChangeRow(table, lsn, 1_767_258_000_000L + lsn, false, json));
      return this;
    }

    /** A delete as Debezium sends it: the row's key only. */
    Changes delete(String table, long lsn, String keyJson) {
      rows.add(new ChangeRow(table, lsn, 1_767_258_000_000L + lsn, true, keyJson));
      return this;
    }

    Changes customer(long id, String segment, long lsn) {
      return row(
          "customers",
          lsn,
          "{\"customer_id\":"
              + id
              + ",\"email\":\"c"
              + id
              + "@example.com\",\"email_std\":\"c"
              + id
              + "@example.com\",\"full_name\":\"Kim Park\",\"country\":\"DE\","
              + "\"birth_date\":\"1990-01-01\",\"segment\":\""
              + segment
              + "\",\"created_at\":\""
              + SIGN_UP
              + "\"}");
    }

    Changes address(long id, long customer, String city, String country, String from, long lsn) {
      return address(id, customer, city, country, from, null, lsn);
    }

    Changes address(
        long id, long customer, String city, String country, String from, String to, long lsn) {
      String iso =
          country.length() == 2 ? country : country.equalsIgnoreCase("france") ? "FR" : "DE";
      return row(
          "customer_addresses",
          lsn,
          "{\"address_id\":"
              + id
              + ",\"customer_id\":"
              + customer
              + ",\"street\":\"1 Main St\","
              + "\"postcode\":\"10115\",\"city\":\""
              + city
              + "\",\"country\":\""
              + country
              + "\",\"country_code\":\""
              + iso
              + "\",\"valid_from\":\""
              + from
              + "\""
              + (to == null ? "" : ",\"valid_to\":\"" + to + "\"")
              + "}");
    }

    Changes order(
        long id, Long customer, String status, String at, String currency, String card, long lsn) {
      return row(
          "orders",
          lsn,
          "{\"order_id\":"
              + id
              + (customer == null ? "" : ",\"customer_id\":" + customer)
              + ",\"status\":\""
              + status
              + "\",\"ordered_at\":\""
              + at
              + "\",\"updated_at\":\""
              + at
              + "\",\"channel_id\":1,\"currency_code\":\""
              + currency
              + "\",\"currency_std\":\""
              + currency
              + "\""
              + (card == null ? "" : ",\"loyalty_card\":\"" + card + "\"")
              + "}");
    }

    Changes line(
        long order, int lineNo, long product, int qty, String price, int discount, long lsn) {
      return row(
          "order_items",
          lsn,
          "{\"order_id\":"
              + order
              + ",\"line_no\":"
              + lineNo
              + ",\"product_id\":"
              + product
              + ",\"quantity\":"
              + qty
              + ",\"unit_price\":\""
              + price
              + "\",\"discount_pct\":"
              + discount
              + "}");
    }

    Changes crmImport(long id, String card, String email, String name, String birth, long lsn) {
      return row(
          "crm_customer_imports",
          lsn,
          "{\"import_id\":"
              + id
              + ",\"loyalty_card\":\""
              + card
              + "\",\"email\":\""
              + email
              + "\",\"email_std\":\""
              + email.strip().toLowerCase()
              + "\",\"full_name\":\""
              + name
              + "\",\"birth_date\":\""
              + birth
              + "\",\"imported_at\":\""
              + LATER
              + "\"}");
    }

    Changes payment(long id, long order, long lsn) {
      return row(
          "payments",
          lsn,
          "{\"payment_id\":"
              + id
              + ",\"order_id\":"
              + order
              + ",\"method\":\"card\","
              + "\"amount\":\"5.00\",\"currency_code\":\"EUR\",\"currency_std\":\"EUR\","
              + "\"status\":\"captured\",\"paid_at\":\""
              + NEW_YEAR
              + "\"}");
    }

    Changes fx(String currency, String unitsPerEur) {
      fx.add(
          new FxRate(currency, LocalDate.of(2025, 12, 31), new BigDecimal(unitsPerEur), "fx.csv"));
      return this;
    }

    int size() {
      return rows.size();
    }

    StarBatch batch(String pipeline, long id) {
      return new StarBatch(pipeline, id, rows.size(), List.of(), rows, List.of(), fx);
    }
  }

  /** The warehouse as a reader sees it: a fresh snapshot, opened read-only. */
  private Connection readSnapshot() throws SQLException {
    sink.publishSnapshot(dir.resolve("read.duckdb"));
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("read.duckdb"), readOnly);
  }

  private String query(String sql) throws SQLException {
    try (Connection c = readSnapshot()) {
      return rows(c, sql);
    }
  }

  /** Reads a published snapshot the way the lab's readers do: read-only. */
  private static String queryFile(Path snapshot, String sql) throws SQLException {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + snapshot, readOnly)) {
      return rows(c, sql);
    }
  }

  private static String rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(String.join("|", cells));
      }
      return String.join("\n", rows);
    }
  }
}
