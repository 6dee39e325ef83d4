package lab.shop.gen;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a paced stream of OLTP transactions into a seeded shop, the source for change capture. */
public final class LiveWorkload {

  private static final Logger log = LoggerFactory.getLogger(LiveWorkload.class);

  private static final long ONE_SECOND_NANOS = 1_000_000_000L;

  // A pause longer than this (a GC, a checkpoint) is not made up with a burst afterwards.
  private static final long MAX_BACKLOG_NANOS = ONE_SECOND_NANOS;

  /**
   * Runs transactions at {@code txPerSecond} until {@code duration} has passed or the thread is
   * interrupted (the interrupt flag stays set). About 70% are new orders, 20% advance an order's
   * status, 5% change a price and 5% update a customer; which one the n-th transaction is, and its
   * parameters, follow from the seed.
   *
   * <p>The connection is used exclusively for the run and left in the auto-commit mode it had.
   *
   * @param progress called about once a second with the totals so far, on this thread
   * @throws SQLException if a transaction fails; it has been rolled back, and the message says
   *     which transaction it was
   * @throws IllegalStateException if the shop has no customers or products
   */
  public LiveSummary run(
      Connection c,
      double txPerSecond,
      Duration duration,
      long seed,
      Consumer<LiveSummary> progress)
      throws SQLException {
    Objects.requireNonNull(c, "c");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(progress, "progress");
    if (!(txPerSecond > 0) || Double.isInfinite(txPerSecond)) {
      throw new IllegalArgumentException(
          "txPerSecond must be a positive number, got " + txPerSecond);
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, got " + duration);
    }
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (ShopTransactions shop = ShopTransactions.open(c)) {
      log.info(
          "live workload: {} tx/s for {} with seed {}, over customers 1..{}, products 1..{},"
              + " orders 1..{}",
          txPerSecond,
          duration,
          seed,
          shop.maxCustomerId(),
          shop.maxProductId(),
          shop.maxOrderId());
      LiveSummary summary = drive(shop, txPerSecond, nanos(duration), seed, progress);
      if (summary.elapsed().compareTo(Duration.ofSeconds(1)) >= 0
          && summary.txPerSecond() < 0.9 * txPerSecond) {
        // One connection waits for each commit to be flushed, which caps the rate it can reach.
        log.warn(
            "live workload fell behind: {} tx/s achieved of {} asked; lower the rate or run"
                + " several workloads on their own connections",
            String.format("%.1f", summary.txPerSecond()),
            txPerSecond);
      }
      log.info(
          "live workload finished{}: {} ({} tx/s achieved)",
          Thread.currentThread().isInterrupted() ? " (interrupted)" : "",
          summary,
          String.format("%.1f", summary.txPerSecond()));
      return summary;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private static LiveSummary drive(
      ShopTransactions shop,
      double txPerSecond,
      long durationNanos,
      long seed,
      Consumer<LiveSummary> progress)
      throws SQLException {
    Pacer pacer = new Pacer(txPerSecond, MAX_BACKLOG_NANOS);
    Totals totals = new Totals();
    long start = System.nanoTime();
    long nextReport = ONE_SECOND_NANOS;
    // isInterrupted, not interrupted(): the flag must survive for whoever stopped us.
    while (!Thread.currentThread().isInterrupted()) {
      long elapsed = System.nanoTime() - start;
      if (elapsed >= durationNanos) {
        break;
      }
      if (elapsed >= nextReport) {
        progress.accept(totals.snapshot(elapsed));
        while (nextReport <= elapsed) {
          nextReport += ONE_SECOND_NANOS;
        }
      }
      long wait = pacer.nanosUntilDue(elapsed);
      if (wait > 0) {
        // Wake for whichever comes first; parkNanos may also return early, so loop and re-check.
        LockSupport.parkNanos(Math.min(wait, Math.min(nextReport, durationNanos) - elapsed));
        continue;
      }
      long number = totals.transactions() + 1;
      // Drawn per transaction number, so the mix does not shift with what earlier ones found.
      SplittableRandom r = Seeds.random(seed, Seeds.LIVE_TRANSACTION, number);
      totals.add(shop.run(number, TransactionKind.draw(r), r));
      pacer.sent();
    }
    return totals.snapshot(System.nanoTime() - start);
  }

  private static long nanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE; // more than 292 years: as good as forever
    }
  }
}
