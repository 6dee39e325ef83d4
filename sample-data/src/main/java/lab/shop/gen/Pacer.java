package lab.shop.gen;

/**
 * Spaces transactions evenly on the monotonic clock: the n-th is due n / rate seconds after the
 * start, so time spent inside transactions does not lower the achieved rate.
 */
final class Pacer {

  private final double intervalNanos;
  private final long maxBacklogNanos;
  private double nextDueNanos;

  /**
   * @param maxBacklogNanos how far behind schedule the pacer may fall before it forgets the debt; a
   *     stall longer than that is not repaid with a burst
   */
  Pacer(double perSecond, long maxBacklogNanos) {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("rate must be a positive number, got " + perSecond);
    }
    if (maxBacklogNanos < 0) {
      throw new IllegalArgumentException("maxBacklogNanos must be >= 0, got " + maxBacklogNanos);
    }
    this.intervalNanos = 1e9 / perSecond;
    this.maxBacklogNanos = maxBacklogNanos;
  }

  /**
   * Nanoseconds from {@code elapsedNanos} (since the start) until the next one is due; 0 if now.
   */
  long nanosUntilDue(long elapsedNanos) {
    if (elapsedNanos - nextDueNanos > maxBacklogNanos) {
      nextDueNanos = elapsedNanos - maxBacklogNanos;
    }
    return Math.max(0, (long) Math.ceil(nextDueNanos - elapsedNanos));
  }

  /** Records that the due one was sent, so the next is one interval later. */
  void sent() {
    nextDueNanos += intervalNanos;
  }
}
