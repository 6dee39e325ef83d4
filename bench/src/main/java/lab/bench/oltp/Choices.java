package lab.bench.oltp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws every parameter of a transaction from its random stream, before any SQL runs, so that a
 * retried transaction makes the same choices and a run with the same seed draws the same ones.
 */
final class Choices {

  /** At most this many lines in a new order, as in TPC-C's 5..15 scaled down to a shop basket. */
  static final int MAX_LINES = 7;

  static final int MAX_QUANTITY = 5;

  /** How many order ids a payment or delivery scans for an order in the right status. */
  static final int SEARCH_WINDOW = 1_000;

  /** Deliveries ship up to this many paid orders at once, as TPC-C's delivery does. */
  static final int DELIVERY_BATCH = 10;

  static final int WEB = 1;
  static final int APP = 2;
  static final int STORE = 3;

  static final List<String> CARRIERS = List.of("DHL", "UPS", "DPD", "GLS", "PostNord");

  private Choices() {}

  /** One line of a new order before its price is read. */
  record Item(long productId, int quantity) {}

  /**
   * A new order: the customer search starts at {@code customerFrom}; {@code storeId} is set for
   * store orders only; {@code fulfilFrom} is the store whose stock is taken.
   */
  record NewOrder(
      long customerFrom,
      int channelId,
      Integer storeId,
      int fulfilFrom,
      String currencyCode,
      List<Item> items) {}

  /** An inclusive range of order ids to scan. */
  record IdRange(long from, long to) {}

  static NewOrder newOrder(SplittableRandom r, ShopShape shop) {
    long customerFrom = 1 + r.nextLong(shop.maxCustomerId());
    int roll = r.nextInt(100);
    int channel = roll < 50 ? WEB : roll < 80 ? APP : STORE;
    int storePick = r.nextInt(Integer.MAX_VALUE);
    if (channel == STORE && shop.shops().isEmpty()) {
      channel = WEB; // a shop without physical stores sells online only
    }
    List<Item> items = items(r, shop.maxProductId());
    if (channel == STORE) {
      Store store = shop.shops().get(storePick % shop.shops().size());
      return new NewOrder(
          customerFrom, channel, store.storeId(), store.storeId(), store.currencyCode(), items);
    }
    // Online prices are in euros; the warehouse only ships.
    Store warehouse = shop.warehouses().get(storePick % shop.warehouses().size());
    return new NewOrder(customerFrom, channel, null, warehouse.storeId(), "EUR", items);
  }

  /**
   * 1 to {@value #MAX_LINES} distinct products, mostly one of each, sorted by product id: every
   * transaction then locks stock rows in the same order, so two new orders cannot deadlock.
   */
  static List<Item> items(SplittableRandom r, long maxProductId) {
    int lines = (int) Math.min(1 + r.nextInt(MAX_LINES), maxProductId);
    List<Item> items = new ArrayList<>(lines);
    while (items.size() < lines) {
      long productId = 1 + r.nextLong(maxProductId);
      int quantity = r.nextInt(10) < 7 ? 1 : 2 + r.nextInt(MAX_QUANTITY - 1);
      if (items.stream().noneMatch(i -> i.productId() == productId)) {
        items.add(new Item(productId, quantity));
      }
    }
    items.sort(Comparator.comparingLong(Item::productId));
    return items;
  }

  /**
   * Where a payment or delivery looks for an order in the right status, in order: a window after a
   * random order (old orders still in flight), then the newest window from a random point in it,
   * then the whole newest window, where the run's own new orders are. Random starting points keep
   * concurrent clients from all reaching for the same order. Both numbers are always drawn, so the
   * stream stays aligned whatever the shop holds.
   */
  static List<IdRange> searchWindows(SplittableRandom r, long maxOrderId) {
    long anywhere = r.nextLong(Math.max(1, maxOrderId));
    long inNewest = r.nextLong(SEARCH_WINDOW);
    if (maxOrderId < 1) {
      return List.of();
    }
    long newestFrom = Math.max(1, maxOrderId - SEARCH_WINDOW + 1);
    long start = 1 + anywhere;
    long middle = Math.min(maxOrderId, newestFrom + inNewest);
    return List.of(
        new IdRange(start, Math.min(maxOrderId, start + SEARCH_WINDOW - 1)),
        new IdRange(middle, maxOrderId),
        new IdRange(newestFrom, maxOrderId));
  }

  /** How the customer pays: in a store by card or cash, online by card, PayPal or invoice. */
  static String paymentMethod(int roll100, int channelId) {
    if (channelId == STORE) {
      return roll100 < 70 ? "card" : "cash";
    }
    return roll100 < 60 ? "card" : roll100 < 90 ? "paypal" : "invoice";
  }

  /** A tracking number unique per order (shipments.order_id is unique too); OLTP marks its own. */
  static String trackingNo(String carrier, long orderId) {
    return "OLTP-" + carrier.toUpperCase(java.util.Locale.ROOT) + "-" + orderId;
  }

  /** The store a stock check looks at: a physical store if the shop has any, else a warehouse. */
  static Store stockCheckStore(SplittableRandom r, ShopShape shop) {
    List<Store> pool = shop.shops().isEmpty() ? shop.warehouses() : shop.shops();
    return pool.get(r.nextInt(pool.size()));
  }

  /** TPC-C's stock-level threshold: 10 to 20 units. */
  static int stockThreshold(SplittableRandom r) {
    return 10 + r.nextInt(11);
  }
}
