package lab.shop.gen;

import java.math.BigDecimal;

/** A row of {@code order_items}; unitPrice is the product's price when the order was placed. */
public record OrderLineRow(
    long orderId, int lineNo, long productId, int quantity, BigDecimal unitPrice) {

  public OrderLineRow {
    RowChecks.positive("orderId", orderId);
    RowChecks.positive("lineNo", lineNo);
    RowChecks.positive("productId", productId);
    RowChecks.positive("quantity", quantity);
    RowChecks.money("unitPrice", unitPrice);
  }
}
