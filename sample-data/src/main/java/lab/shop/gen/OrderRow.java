package lab.shop.gen;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A row of {@code orders} as the generator makes it: a customer's, or (customerId null) a loyalty
 * card's whose member has not arrived from the CRM yet.
 */
public record OrderRow(
    long orderId,
    Long customerId,
    String loyaltyCard,
    int channelId,
    Integer storeId,
    String currency,
    String status,
    OffsetDateTime orderedAt,
    OffsetDateTime updatedAt) {

  public static final String PLACED = "placed";
  public static final String PAID = "paid";
  public static final String SHIPPED = "shipped";
  public static final String DELIVERED = "delivered";
  public static final String CANCELLED = "cancelled";
  public static final String RETURNED = "returned";

  /** Every status the schema's CHECK constraint allows. */
  public static final List<String> STATUSES =
      List.of(PLACED, PAID, SHIPPED, DELIVERED, CANCELLED, RETURNED);

  public static final int WEB = 1;
  public static final int APP = 2;
  public static final int STORE = 3;

  public OrderRow {
    RowChecks.positive("orderId", orderId);
    if (customerId == null && loyaltyCard == null) {
      throw new IllegalArgumentException("order " + orderId + " needs a customer or a card");
    }
    if ((channelId == STORE) != (storeId != null)) {
      throw new IllegalArgumentException("order " + orderId + ": a store exactly for store orders");
    }
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(status, "status");
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException("status must be one of " + STATUSES + ", got " + status);
    }
    Objects.requireNonNull(orderedAt, "orderedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
