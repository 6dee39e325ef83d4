package lab.shop.gen;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Plays one order's life forward from the moment it is placed, up to the end of the history.
 *
 * <p>Online: paid within half an hour, shipped 6 to 72 hours later, delivered 1 to 5 days after
 * that; 4% are cancelled within two days (before shipping, refunding a payment already taken) and
 * 6% of delivered orders are partly returned within 20 days. In a store the customer pays and takes
 * the goods at once; 3% bring something back. Whatever falls after {@link ShopRows#END} has not
 * happened yet, so the newest orders are still in flight.
 */
final class Lifecycle {

  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long END = ShopRows.millisOf(ShopRows.END);
  private static final List<String> REASONS =
      List.of("damaged", "wrong_item", "not_as_described", "changed_mind");

  private Lifecycle() {}

  /** The order's state at the end of the history; {@code asPlaced} is the order just placed. */
  static OrderHistory play(
      OrderRow asPlaced, List<OrderLineRow> lines, SplittableRandom r, boolean messyFormats) {
    long orderId = asPlaced.orderId();
    long placed = ShopRows.millisOf(asPlaced.orderedAt());
    boolean inStore = asPlaced.channelId() == OrderRow.STORE;
    // Every draw is made whatever the outcome, so one order's choices never shift another's.
    boolean cancels = !inStore && r.nextInt(100) < 4;
    long cancelAt = placed + 10 * MINUTE + r.nextLong(48 * HOUR);
    long paid = inStore ? placed : placed + MINUTE + r.nextLong(29 * MINUTE);
    long shipped = paid + 6 * HOUR + r.nextLong(66 * HOUR);
    long delivered = inStore ? placed : shipped + DAY + r.nextLong(4 * DAY);
    boolean returns = r.nextInt(100) < (inStore ? 3 : 6);
    long returnedAt = delivered + DAY + r.nextLong(19 * DAY);
    String method = method(r, inStore);
    String carrier = Vocabulary.pick(Vocabulary.CARRIERS, r);
    int returnLine = r.nextInt(lines.size());
    int returnUnits = 1 + r.nextInt(lines.get(returnLine).quantity());
    String reason = REASONS.get(r.nextInt(REASONS.size()));
    String providerCurrency = providerCurrency(asPlaced.currency(), r, messyFormats);

    String status = OrderRow.PLACED;
    long updated = placed;
    boolean isPaid = paid <= END;
    boolean cancelled = cancels && cancelAt < shipped && cancelAt <= END;
    Long refundedAt = null;
    boolean isShipped = false;
    boolean isDelivered = false;
    boolean isReturned = false;
    if (cancelled) {
      isPaid = paid < cancelAt;
      refundedAt = isPaid ? cancelAt : null;
      status = OrderRow.CANCELLED;
      updated = cancelAt;
    } else if (inStore) {
      status = OrderRow.DELIVERED;
      isDelivered = true;
    } else if (isPaid) {
      status = OrderRow.PAID;
      updated = paid;
      if (shipped <= END) {
        isShipped = true;
        status = OrderRow.SHIPPED;
        updated = shipped;
        if (delivered <= END) {
          isDelivered = true;
          status = OrderRow.DELIVERED;
          updated = delivered;
        }
      }
    }
    if (isDelivered && returns && returnedAt <= END) {
      isReturned = true;
      status = OrderRow.RETURNED;
      updated = returnedAt;
    }

    BigDecimal total = BigDecimal.ZERO;
    for (OrderLineRow line : lines) {
      total = total.add(line.netAmount(line.quantity()));
    }
    OrderRow order =
        new OrderRow(
            orderId,
            asPlaced.customerId(),
            asPlaced.loyaltyCard(),
            asPlaced.channelId(),
            asPlaced.storeId(),
            asPlaced.currency(),
            status,
            asPlaced.orderedAt(),
            ShopRows.at(updated));
    Optional<PaymentRow> payment =
        isPaid
            ? Optional.of(
                new PaymentRow(
                    orderId,
                    method,
                    total,
                    providerCurrency,
                    ShopRows.at(paid),
                    refundedAt == null ? null : ShopRows.at(refundedAt)))
            : Optional.empty();
    Optional<ShipmentRow> shipment =
        isShipped
            ? Optional.of(
                new ShipmentRow(
                    orderId,
                    carrier,
                    String.format(
                        Locale.ROOT, "%s%011d", carrier.toUpperCase(Locale.ROOT), orderId),
                    ShopRows.at(shipped),
                    isDelivered ? ShopRows.at(delivered) : null))
            : Optional.empty();
    List<ReturnRow> returned = new ArrayList<>(1);
    if (isReturned) {
      OrderLineRow line = lines.get(returnLine);
      returned.add(
          new ReturnRow(
              orderId,
              line.lineNo(),
              returnUnits,
              reason,
              line.netAmount(returnUnits),
              ShopRows.at(returnedAt)));
    }
    return new OrderHistory(order, lines, payment, shipment, returned);
  }

  private static String method(SplittableRandom r, boolean inStore) {
    int roll = r.nextInt(100);
    if (inStore) {
      return roll < 70 ? "card" : "cash";
    }
    return roll < 60 ? "card" : roll < 90 ? "paypal" : "invoice";
  }

  // Payment providers report the currency in their own spelling: eur, Eur, EUR.
  private static String providerCurrency(String currency, SplittableRandom r, boolean messy) {
    int roll = r.nextInt(100);
    if (!messy || roll >= 25) {
      return currency;
    }
    return roll < 15
        ? currency.toLowerCase(Locale.ROOT)
        : currency.charAt(0) + currency.substring(1).toLowerCase(Locale.ROOT);
  }
}
