package lab.warehouse.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch staged as Parquet files, as the backfill's executors write it (the transform's output
 * frame), read for the ledger and bulk-loaded by the sink. {@code ReplayPropertyTest} covers files
 * Spark wrote; these files are written with DuckDB so each case is small and exact.
 */
class StagedFilesTest {

  private static final String COLUMNS =
      "t(\"table\", lsn, source_ts_ms, is_deleted, \"row\", topic, \"partition\", \"offset\","
          + " error, raw)";

  @TempDir Path dir;

  @Test
  void theLedgerGetsEachPartitionsHighestOffsetTheRecordCountAndTheDeadLetters() throws Exception {
    Path batch = dir.resolve("batch-0");
    write(
        batch,
        "part-0.parquet",
        good("categories", 2, "{\"category_id\":1,\"name\":\"Fashion\"}", 0, 4)
            + ", "
            + good("categories", 3, "{\"category_id\":2,\"name\":\"Shoes\"}", 1, 9)
            + ", "
            + bad("shop.public.orders", 0, 17, "malformed JSON", "{not json"));
    write(
        batch,
        "part-1.parquet",
        good("categories", 5, "{\"category_id\":3,\"name\":\"Books\"}", 0, 6));

    StagedFiles files = StagedFiles.read(batch);

    assertThat(files.records()).isEqualTo(4);
    assertThat(files.offsets())
        .containsExactly(
            new SourceOffset("shop.public.categories", 0, 6),
            new SourceOffset("shop.public.categories", 1, 9),
            new SourceOffset("shop.public.orders", 0, 17));
    assertThat(files.deadLetters())
        .containsExactly(
            new DeadLetter("shop.public.orders", 0, 17, "malformed JSON", "{not json"));
    assertThat(files.tables()).containsExactly("categories");
  }

  @Test
  void theSinkLoadsTheGoodChangesAndBooksTheDeadLettersInOneBatch() throws Exception {
    Path batch = dir.resolve("batch-0");
    write(
        batch,
        "part-0.parquet",
        good("categories", 2, "{\"category_id\":1,\"name\":\"Fashion\"}", 0, 0)
            + ", "
            + good("categories", 3, "{\"category_id\":1,\"name\":\"Fashion & Co\"}", 0, 1)
            + ", "
            + bad("shop.public.orders", 0, 5, "missing key order_id", "{}"));
    StagedFiles files = StagedFiles.read(batch);
    Path warehouse = dir.resolve("wh.duckdb");

    try (StarSink sink = StarSink.open(warehouse)) {
      BatchResult result = sink.apply(batch(files), files);
      assertThat(result.rowsStaged()).isEqualTo(2);
      assertThat(result.deadLetters()).isEqualTo(1);
      assertThat(sink.apply(batch(files), files).alreadyApplied()).isTrue();
    }

    assertThat(query(warehouse, "SELECT category_id, name FROM cur_categories"))
        .isEqualTo("1|Fashion & Co");
    assertThat(query(warehouse, "SELECT topic, kafka_offset, reason FROM dead_letter"))
        .isEqualTo("shop.public.orders|5|missing key order_id");
    assertThat(query(warehouse, "SELECT count(*) FROM etl_batch_ledger")).isEqualTo("1");
  }

  @Test
  void aTableTheWarehouseDoesNotKnowIsRefusedAndNothingIsApplied() throws Exception {
    Path batch = dir.resolve("batch-0");
    write(batch, "part-0.parquet", good("coupons", 2, "{\"coupon_id\":1}", 0, 0));
    StagedFiles files = StagedFiles.read(batch);
    Path warehouse = dir.resolve("wh.duckdb");

    try (StarSink sink = StarSink.open(warehouse)) {
      assertThatThrownBy(() -> sink.apply(batch(files), files))
          .hasMessageContaining("no cur_coupons table");
    }
    assertThat(query(warehouse, "SELECT count(*) FROM etl_batch_ledger")).isEqualTo("0");
  }

  @Test
  void aBatchWithoutFilesIsEmptyAndAMissingOneIsAnError() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("batch-7"));
    Files.createFile(empty.resolve("_SUCCESS"));

    assertThat(StagedFiles.read(empty).records()).isZero();
    assertThatThrownBy(() -> StagedFiles.read(dir.resolve("batch-8")))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("batch-8 is missing");
  }

  private static StarBatch batch(StagedFiles files) {
    return new StarBatch(
        "files", 0, files.records(), files.offsets(), List.of(), files.deadLetters(), List.of());
  }

  private static String good(String table, long lsn, String json, int partition, long offset) {
    return String.format(
        "('%s', %d, %d, false, '%s', 'shop.public.%s', %d, %d, NULL, NULL)",
        table, lsn, 1_767_258_000_000L + lsn, json, table, partition, offset);
  }

  private static String bad(String topic, int partition, long offset, String error, String raw) {
    return String.format(
        "(NULL, NULL, NULL, NULL, NULL, '%s', %d, %d, '%s', '%s')",
        topic, partition, offset, error, raw);
  }

  /** One Parquet file with the transform's output columns and types. */
  private static void write(Path batch, String name, String values) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t AS SELECT * FROM (VALUES " + values + ") " + COLUMNS);
      s.execute(
          "CREATE TABLE typed AS SELECT \"table\"::VARCHAR AS \"table\", lsn::BIGINT AS lsn,"
              + " source_ts_ms::BIGINT AS source_ts_ms, is_deleted::BOOLEAN AS is_deleted,"
              + " \"row\"::VARCHAR AS \"row\", topic::VARCHAR AS topic,"
              + " \"partition\"::INTEGER AS \"partition\", \"offset\"::BIGINT AS \"offset\","
              + " error::VARCHAR AS error, raw::VARCHAR AS raw FROM t");
      batch.toFile().mkdirs();
      s.execute("COPY typed TO '" + batch.resolve(name) + "' (FORMAT parquet)");
    }
  }

  private static String query(Path warehouse, String sql) throws SQLException {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + warehouse, readOnly);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      StringBuilder out = new StringBuilder();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        if (!out.isEmpty()) {
          out.append('\n');
        }
        for (int i = 1; i <= n; i++) {
          out.append(i > 1 ? "|" : "").append(rs.getObject(i));
        }
      }
      return out.toString();
    }
  }
}
