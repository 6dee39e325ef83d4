package lab.cli;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import lab.services.LabException;
import lab.services.LocalLab;
import lab.services.Pipeline;
import lab.verify.Reconciler;
import lab.verify.Reconciliation;
import lab.verify.WarehouseReader;

/**
 * Waiting for the running pipeline's warehouse to reconcile with the shop: the demo's "catch up"
 * step, and how {@code lab bench} brings the star up to the shop it measures.
 */
final class CatchUp {

  private CatchUp() {}

  /**
   * Polls the published snapshot until it reconciles with the shop, showing progress; fails when
   * the capture or the ETL exits or the timeout passes.
   *
   * @param timeoutHint what the user can raise when the timeout passes, e.g. an option name
   * @return how long it took
   */
  static Duration await(LocalLab local, Console console, Duration timeout, String timeoutHint)
      throws SQLException, InterruptedException {
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    Reconciliation last = null;
    while (System.nanoTime() < deadline) {
      requireAlive(local);
      long checkStarted = System.nanoTime();
      Optional<Reconciliation> r = tryReconcile(local, true);
      long checkMillis = (System.nanoTime() - checkStarted) / 1_000_000;
      if (r.isPresent()) {
        last = r.get();
        if (last.ok()) {
          return Duration.ofNanos(System.nanoTime() - t0);
        }
        console.progress(describe(last));
      } else {
        console.progress("waiting for the ETL's first snapshot");
      }
      // A reconciliation reads both databases whole (16 s of CPU at scale 1): back to back it
      // would take a core from the pipeline it waits for. At most a quarter of the time.
      TimeUnit.MILLISECONDS.sleep(Math.max(1000, 3 * checkMillis));
    }
    if (last != null) {
      VerifyCommand.print(last, console);
    }
    throw new LabException(
        "the warehouse did not catch up within "
            + timeout.toSeconds()
            + " s; see "
            + local.settings().logs()
            + " (cdc.log, etl.log), or raise "
            + timeoutHint);
  }

  /** Orders and lines in the warehouse against the shop, for a progress line. */
  static String describe(Reconciliation r) {
    return "warehouse: "
        + r.warehouseValue(Reconciler.ORDERS)
        + " / "
        + r.oltpValue(Reconciler.ORDERS)
        + " orders, "
        + r.warehouseValue(Reconciler.ORDER_LINES)
        + " / "
        + r.oltpValue(Reconciler.ORDER_LINES)
        + " order lines";
  }

  /**
   * The shop reconciled with the warehouse, or empty when there is no warehouse to read yet.
   *
   * @param snapshot read the published snapshot (while the ETL runs) instead of the warehouse
   */
  static Optional<Reconciliation> tryReconcile(LocalLab local, boolean snapshot)
      throws SQLException {
    if (!Files.exists(
        snapshot ? local.settings().warehouseSnapshot() : local.settings().warehouseFile())) {
      return Optional.empty();
    }
    try (Connection oltp = local.postgres().connectShop();
        WarehouseReader.Opened wh = WarehouseReader.open(local.settings(), snapshot)) {
      return Optional.of(Reconciler.reconcile(oltp, wh.connection()));
    } catch (SQLException e) {
      // A snapshot from before the first batch has no rows yet; that is not an error.
      return Optional.empty();
    }
  }

  private static void requireAlive(LocalLab local) {
    Pipeline p = local.pipeline();
    if (p.cdc().isEmpty()) {
      throw new LabException("the CDC capture exited; see " + p.log("cdc"));
    }
    if (p.etl().isEmpty()) {
      throw new LabException("the Spark ETL exited; see " + p.log("etl"));
    }
  }
}
