package lab.shop.gen;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A row of {@code order_items}: unitPrice is the product's list price when the order was placed, in
 * the order's currency; discountPct is a promotion's percentage off.
 */
public record OrderLineRow(
    long orderId, int lineNo, long productId, int quantity, BigDecimal unitPrice, int discountPct) {

  public OrderLineRow {
    RowChecks.positive("orderId", orderId);
    RowChecks.positive("lineNo", lineNo);
    RowChecks.positive("productId", productId);
    RowChecks.positive("quantity", quantity);
    RowChecks.money("unitPrice", unitPrice);
    if (discountPct < 0 || discountPct > 90) {
      throw new IllegalArgumentException("discountPct must be 0..90, got " + discountPct);
    }
  }

  /** What the customer pays for {@code units} of this line, to the cent. */
  public BigDecimal netAmount(int units) {
    return net(unitPrice, units, discountPct);
  }

  /** A line's amount after discount, rounded half-even to the cent as the shop bills it. */
  public static BigDecimal net(BigDecimal unitPrice, int units, int discountPct) {
    return unitPrice
        .multiply(BigDecimal.valueOf(units))
        .multiply(BigDecimal.valueOf(100 - discountPct))
        .movePointLeft(2)
        .setScale(2, RoundingMode.HALF_EVEN);
  }
}
