package lab.shop.gen;

import java.time.OffsetDateTime;
import java.util.Objects;

/** A row of {@code shipments}; deliveredAt is null while the parcel is on its way. */
public record ShipmentRow(
    long orderId,
    String carrier,
    String trackingNo,
    OffsetDateTime shippedAt,
    OffsetDateTime deliveredAt) {

  public ShipmentRow {
    RowChecks.positive("orderId", orderId);
    RowChecks.notBlank("carrier", carrier);
    RowChecks.notBlank("trackingNo", trackingNo);
    Objects.requireNonNull(shippedAt, "shippedAt");
  }
}
