package lab.shop.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Chooses what goes into an order: 1 to 5 lines of distinct products, mostly one of each. */
final class Baskets {

  static final int MAX_LINES = 5;

  private Baskets() {}

  /** One line of a basket before prices are attached. */
  record Item(long productId, int quantity) {}

  /** Picks among product ids 1..products; shops with fewer than 5 products get shorter baskets. */
  static List<Item> pick(SplittableRandom r, long products) {
    int lines = (int) Math.min(1 + r.nextInt(MAX_LINES), products);
    List<Item> items = new ArrayList<>(lines);
    while (items.size() < lines) {
      long productId = 1 + r.nextLong(products);
      // A shop merges repeats into one line with a larger quantity, so products stay distinct.
      if (items.stream().noneMatch(item -> item.productId() == productId)) {
        items.add(new Item(productId, quantity(r)));
      }
    }
    return items;
  }

  private static int quantity(SplittableRandom r) {
    return r.nextInt(10) < 7 ? 1 : 2 + r.nextInt(4);
  }
}
