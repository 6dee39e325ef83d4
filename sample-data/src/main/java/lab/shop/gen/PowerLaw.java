package lab.shop.gen;

import java.util.SplittableRandom;

/**
 * Zipf-like popularity: rank k of n is drawn with probability roughly proportional to k^-skew, so a
 * few ranks take most of the draws. Skew 0 is uniform; 1 is classic Zipf.
 *
 * <p>It inverts the continuous power law on [1, n + 1) and truncates, which costs O(1) per draw and
 * needs no table, so it works for ten million customers as for ten. The head is slightly lighter
 * than a discrete Zipf's; for a teaching shop the shape, not the exact mass, matters.
 */
record PowerLaw(long n, double skew) {

  PowerLaw {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    if (!(skew >= 0 && skew <= 3)) {
      throw new IllegalArgumentException("skew must be between 0 and 3, got " + skew);
    }
  }

  /** A rank in 1..n. */
  long draw(SplittableRandom r) {
    double u = r.nextDouble();
    double x;
    if (skew == 0) {
      x = 1 + u * n;
    } else if (Math.abs(skew - 1) < 1e-9) {
      x = StrictMath.exp(u * StrictMath.log(n + 1.0));
    } else {
      double a = 1 - skew;
      x = StrictMath.pow(1 + u * (StrictMath.pow(n + 1.0, a) - 1), 1 / a);
    }
    return Math.max(1, Math.min(n, (long) x));
  }
}
