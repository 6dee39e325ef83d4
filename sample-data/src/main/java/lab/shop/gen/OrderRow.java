package lab.shop.gen;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/** A row of {@code orders} as the generator makes it; {@code updated_at} equals orderedAt. */
public record OrderRow(long orderId, long customerId, String status, OffsetDateTime orderedAt) {

  public static final String PLACED = "placed";
  public static final String PAID = "paid";
  public static final String SHIPPED = "shipped";
  public static final String CANCELLED = "cancelled";

  /** Every status the schema's CHECK constraint allows. */
  public static final List<String> STATUSES = List.of(PLACED, PAID, SHIPPED, CANCELLED);

  public OrderRow {
    RowChecks.positive("orderId", orderId);
    RowChecks.positive("customerId", customerId);
    Objects.requireNonNull(status, "status");
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException("status must be one of " + STATUSES + ", got " + status);
    }
    Objects.requireNonNull(orderedAt, "orderedAt");
  }
}
