package lab.warehouse.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarSinkTest {

  private static final OffsetDateTime NEW_YEAR =
      OffsetDateTime.of(2026, 1, 1, 9, 0, 0, 0, ZoneOffset.UTC);
  private static final OffsetDateTime THREE_DAYS_LATER = NEW_YEAR.plusDays(3);

  @TempDir Path dir;
  private StarSink sink;

  @BeforeEach
  void open() throws SQLException {
    sink = StarSink.open(dir.resolve("wh.duckdb"));
  }

  @AfterEach
  void close() throws SQLException {
    sink.close();
  }

  @Test
  void appliesABatchAndDenormalizesTheOrderIntoItsLines() throws SQLException {
    sink.apply(
        batch(0, List.of(placedOrder(1, 10, NEW_YEAR, 100)), List.of(line(1, 1, "2", 3, 101))));

    assertThat(query("SELECT customer_id, date_key, order_status, amount FROM fact_order_line"))
        .isEqualTo("10|20260101|placed|6.00");
  }

  @Test
  void anOrderOfALoyaltyCardWithoutACustomerYetIsKeptWithANullCustomer() throws SQLException {
    sink.apply(
        batch(
            0,
            List.of(new OrderChange(1, null, "placed", NEW_YEAR, 20260101, 100, false)),
            List.of(line(1, 1, "2", 3, 101))));

    assertThat(query("SELECT customer_id IS NULL, amount FROM fact_order_line"))
        .isEqualTo("true|6.00");
  }

  @Test
  void aReplayedBatchIsAppliedOnce() throws SQLException {
    StarBatch first =
        batch(0, List.of(placedOrder(1, 10, NEW_YEAR, 100)), List.of(line(1, 1, "2", 3, 101)));
    sink.apply(first);

    BatchResult replay = sink.apply(first);

    assertThat(replay.alreadyApplied()).isTrue();
    assertThat(query("SELECT count(*) FROM etl_batch_ledger")).isEqualTo("1");
    assertThat(query("SELECT count(*), sum(amount) FROM fact_order_line")).isEqualTo("1|6.00");
  }

  @Test
  void anOlderChangeDeliveredLaterDoesNotOverwriteANewerOne() throws SQLException {
    sink.apply(batch(0, List.of(order(1, 10, "shipped", NEW_YEAR, 300)), List.of()));

    BatchResult late =
        sink.apply(batch(1, List.of(order(1, 10, "placed", NEW_YEAR, 100)), List.of()));

    assertThat(query("SELECT status, source_lsn FROM stg_order")).isEqualTo("shipped|300");
    assertThat(late.stale()).isEqualTo(1);
    assertThat(query("SELECT stale FROM etl_batch_ledger WHERE batch_id = 1")).isEqualTo("1");
  }

  @Test
  void twoChangesOfOneKeyInOneBatchKeepTheLatest() throws SQLException {
    sink.apply(
        batch(
            0,
            List.of(order(1, 10, "paid", NEW_YEAR, 200), order(1, 10, "placed", NEW_YEAR, 100)),
            List.of()));

    assertThat(query("SELECT status FROM stg_order")).isEqualTo("paid");
  }

  @Test
  void linesArrivingBeforeTheirOrderAreCompletedWhenItArrives() throws SQLException {
    sink.apply(batch(0, List.of(), List.of(line(7, 1, "5", 1, 50))));
    assertThat(query("SELECT customer_id IS NULL FROM fact_order_line")).isEqualTo("true");

    sink.apply(batch(1, List.of(placedOrder(7, 42, NEW_YEAR, 40)), List.of()));

    assertThat(query("SELECT customer_id, order_status FROM fact_order_line"))
        .isEqualTo("42|placed");
  }

  @Test
  void aDeleteKeepsATombstoneThatAnOlderInsertCannotResurrect() throws SQLException {
    sink.apply(batch(0, List.of(), List.of(line(1, 1, "2", 1, 100))));
    sink.apply(
        batch(1, List.of(), List.of(new OrderLineChange(1, 1, null, null, null, null, 200, true))));

    sink.apply(batch(2, List.of(), List.of(line(1, 1, "2", 1, 100))));

    assertThat(query("SELECT is_deleted, quantity FROM fact_order_line")).isEqualTo("true|1");
  }

  @Test
  void theCalendarCoversEveryDayBetweenTheFirstAndLastOrder() throws SQLException {
    sink.apply(
        batch(
            0,
            List.of(placedOrder(1, 1, NEW_YEAR, 1), placedOrder(2, 1, THREE_DAYS_LATER, 2)),
            List.of()));

    assertThat(query("SELECT count(*), min(date_key), max(date_key) FROM dim_date"))
        .isEqualTo("4|20260101|20260104");
  }

  @Test
  void aPublishedSnapshotIsReadableWhileTheSinkHoldsTheFile() throws SQLException {
    sink.apply(
        batch(0, List.of(placedOrder(1, 10, NEW_YEAR, 100)), List.of(line(1, 1, "2", 3, 101))));
    Path snapshot = dir.resolve("snapshot.duckdb");

    sink.publishSnapshot(snapshot);

    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + snapshot, readOnly);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sum(amount) FROM fact_order_line")) {
      rs.next();
      assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("6.00");
    }
  }

  @Test
  void aCustomersStandardizedContactDetailsLandBesideTheRawEmail() throws SQLException {
    sink.apply(customers(0, anna(100)));

    assertThat(query("SELECT email, email_std, phone_e164, contact_standardized FROM dim_customer"))
        .isEqualTo(" Anna@Example.com |anna@example.com|+49301234567|true");
  }

  @Test
  void aDeletedCustomerKeepsItsStandardizedContactDetails() throws SQLException {
    sink.apply(customers(0, anna(100)));

    sink.apply(
        customers(1, new CustomerChange(3, null, null, null, null, 200, true, null, null, false)));

    assertThat(
            query(
                "SELECT is_deleted, email_std, phone_e164, contact_standardized FROM dim_customer"))
        .isEqualTo("true|anna@example.com|+49301234567|true");
  }

  @Test
  void aWarehouseFromBeforeStandardizationGainsTheColumns() throws SQLException {
    sink.close();
    Path old = dir.resolve("old.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + old);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE dim_customer (customer_id BIGINT PRIMARY KEY, email VARCHAR,"
              + " full_name VARCHAR, country VARCHAR, created_at TIMESTAMPTZ,"
              + " source_lsn BIGINT NOT NULL, is_deleted BOOLEAN NOT NULL)");
    }
    sink = StarSink.open(old);

    sink.apply(customers(0, anna(100)));

    assertThat(query("SELECT email_std, phone_e164 FROM dim_customer"))
        .isEqualTo("anna@example.com|+49301234567");
  }

  @Test
  void deadLettersAreKeptWithTheirPosition() throws SQLException {
    sink.apply(
        new StarBatch(
            "p",
            0,
            1,
            0,
            List.of(new SourceOffset("shop.public.orders", 0, 9)),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(new DeadLetter("shop.public.orders", 0, 9, "malformed JSON", "{"))));

    assertThat(query("SELECT topic, kafka_offset, reason FROM dead_letter"))
        .isEqualTo("shop.public.orders|9|malformed JSON");
    assertThat(query("SELECT last_offset FROM etl_source_offset")).isEqualTo("9");
  }

  private static StarBatch batch(long id, List<OrderChange> orders, List<OrderLineChange> lines) {
    return new StarBatch(
        "p",
        id,
        orders.size() + lines.size(),
        0,
        List.of(),
        List.of(),
        List.of(),
        orders,
        lines,
        List.of());
  }

  private static StarBatch customers(long id, CustomerChange customer) {
    return new StarBatch(
        "p", id, 1, 0, List.of(), List.of(customer), List.of(), List.of(), List.of(), List.of());
  }

  /** A customer whose email and phone the ETL had to standardize. */
  private static CustomerChange anna(long lsn) {
    return new CustomerChange(
        3,
        " Anna@Example.com ",
        "Anna Schmidt",
        "DE",
        NEW_YEAR,
        lsn,
        false,
        "anna@example.com",
        "+49301234567",
        true);
  }

  private static OrderChange placedOrder(
      long orderId, long customerId, OffsetDateTime at, long lsn) {
    return order(orderId, customerId, "placed", at, lsn);
  }

  private static OrderChange order(
      long orderId, long customerId, String status, OffsetDateTime at, long lsn) {
    int dateKey = at.getYear() * 10000 + at.getMonthValue() * 100 + at.getDayOfMonth();
    return new OrderChange(orderId, customerId, status, at, dateKey, lsn, false);
  }

  private static OrderLineChange line(long orderId, int lineNo, String price, int qty, long lsn) {
    BigDecimal unit = new BigDecimal(price).setScale(2);
    return new OrderLineChange(
        orderId, lineNo, 1L, qty, unit, unit.multiply(BigDecimal.valueOf(qty)), lsn, false);
  }

  /** The query's rows, columns joined by '|' and rows by newline. */
  private String query(String sql) throws SQLException {
    Path snap = dir.resolve("q-" + System.nanoTime() + ".duckdb");
    sink.publishSnapshot(snap);
    StringBuilder out = new StringBuilder();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + snap);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        if (out.length() > 0) {
          out.append('\n');
        }
        for (int i = 1; i <= n; i++) {
          out.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
      }
    }
    return out.toString();
  }
}
