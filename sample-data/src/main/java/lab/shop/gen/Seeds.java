package lab.shop.gen;

import java.util.SplittableRandom;

/** Derives a reproducible random stream from the seed, a kind of row and the row's id. */
final class Seeds {

  static final long CUSTOMER = 1;
  static final long PRODUCT = 2;
  static final long PRICE = 3;
  static final long ORDER = 4;
  static final long ORDER_LINES = 5;
  static final long LIVE_TRANSACTION = 6;
  static final long PERSON = 7;
  static final long CHURN = 8;
  static final long DUPLICATE = 9;
  static final long MOVES = 10;
  static final long SUPPLIER = 11;
  static final long STORE = 12;
  static final long STORE_DAY = 13;
  static final long CALENDAR_DAY = 14;
  static final long LIFECYCLE = 15;
  static final long MEMBER = 16;
  static final long INVENTORY = 17;
  static final long LIVE_CLIENT = 18;
  static final long FX = 19;

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private Seeds() {}

  /**
   * A stream owned by one row: rows that refer to it can recompute it from the id alone, in any
   * order, which is what lets order lines agree with their order without holding either in memory.
   */
  static SplittableRandom random(long seed, long kind, long id) {
    return new SplittableRandom(seed ^ mix(kind * GOLDEN_GAMMA + id));
  }

  // The SplitMix64 finaliser: neighbouring ids must give unrelated streams.
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
