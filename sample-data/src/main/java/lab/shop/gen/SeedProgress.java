package lab.shop.gen;

import java.time.Duration;
import java.util.Optional;

/** How far a bulk load has got: orders written of the total, rows of every table, elapsed time. */
public record SeedProgress(
    String phase, long ordersDone, long ordersTotal, long rowsDone, Duration elapsed) {

  /** Rows per second so far. */
  public double rowsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? rowsDone / seconds : 0;
  }

  /** Fraction of the orders written, 0..1. */
  public double fraction() {
    return ordersTotal == 0 ? 1 : (double) ordersDone / ordersTotal;
  }

  /**
   * Time left if orders keep coming at the rate seen since they started; empty before the first
   * chunk of orders, when there is nothing to extrapolate from.
   */
  public Optional<Duration> eta(Duration ordersStartedAfter) {
    if (ordersDone == 0 || ordersDone >= ordersTotal) {
      return ordersDone >= ordersTotal ? Optional.of(Duration.ZERO) : Optional.empty();
    }
    long spent = elapsed.minus(ordersStartedAfter).toNanos();
    return Optional.of(Duration.ofNanos((long) (spent * ((double) ordersTotal / ordersDone - 1))));
  }
}
