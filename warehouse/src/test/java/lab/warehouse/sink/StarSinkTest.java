package lab.warehouse.sink;

import static lab.warehouse.star.ShopChanges.LATER;
import static lab.warehouse.star.ShopChanges.MOVED;
import static lab.warehouse.star.ShopChanges.NEW_YEAR;
import static lab.warehouse.star.ShopChanges.SIGN_UP;
import static lab.warehouse.star.ShopChanges.shop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import lab.warehouse.schema.Freshness;
import lab.warehouse.star.ShopChanges;
import lab.warehouse.star.StarFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink on its own, in real DuckDB: exactly once by ledger and source position, tombstones,
 * checkpoints and the readers' snapshot. The star's rules have a test each in lab.warehouse.star.
 */
class StarSinkTest {

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
  void aReplayedBatchIsAppliedOnceAndARedeliveredChangeIsStale() throws SQLException {
    ShopChanges changes =
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
                  ShopChanges order =
                      new ShopChanges()
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
            StarFixture.queryFile(
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
    SnapshotFile.FileCopy heldHalfway =
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
                      new ShopChanges()
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
      assertThat(StarFixture.queryFile(snapshot, "SELECT count(*) FROM etl_batch_ledger"))
          .isEqualTo("1");
      held.publishSnapshot(snapshot);
      assertThat(StarFixture.queryFile(snapshot, "SELECT count(*) FROM fact_sales")).isEqualTo("1");
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
    apply(new ShopChanges().delete("customer_addresses", 300, "{\"address_id\":1}"));
    apply(
        new ShopChanges()
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
    ShopChanges changes = shop().order(1, null, "placed", NEW_YEAR, "EUR", "CARD-1", 200);
    changes.rows.add(changes.rows.get(changes.rows.size() - 1));

    BatchResult result = apply(changes);

    assertThat(result.duplicates()).isEqualTo(1);
    assertThat(query("SELECT count(*) FROM cur_orders")).isEqualTo("1");
  }

  @Test
  void anOlderChangeDeliveredLaterDoesNotOverwriteANewerOne() throws SQLException {
    apply(shop().order(1, 10L, "shipped", NEW_YEAR, "EUR", null, 300));

    apply(new ShopChanges().order(1, 10L, "placed", NEW_YEAR, "EUR", null, 100));

    assertThat(query("SELECT status FROM cur_orders")).isEqualTo("shipped");
  }

  @Test
  void aChangeOfATableTheWarehouseDoesNotKnowIsRefusedAndNothingIsApplied() throws SQLException {
    ShopChanges changes = shop();
    changes.rows.add(new ChangeRow("coupons", 500, 0, false, "{\"coupon_id\":1}"));

    assertThatThrownBy(() -> apply(changes)).hasMessageContaining("no cur_coupons table");
    assertThat(query("SELECT count(*) FROM etl_batch_ledger")).isEqualTo("0");
  }

  @Test
  void eachBatchRecordsHowLongItsChangesTookFromTheShopsCommit() throws SQLException {
    long now = System.currentTimeMillis();
    ShopChanges late = new ShopChanges();
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

  private BatchResult apply(ShopChanges changes) throws SQLException {
    return sink.apply(changes.batch("p", batchId++));
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
      return StarFixture.rows(c, sql);
    }
  }
}
