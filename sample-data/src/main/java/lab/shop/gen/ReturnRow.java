package lab.shop.gen;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A row of {@code returns}: part of one order line sent back, and what was refunded for it. */
public record ReturnRow(
    long orderId,
    int lineNo,
    int quantity,
    String reason,
    BigDecimal refundAmount,
    OffsetDateTime returnedAt) {

  public ReturnRow {
    RowChecks.positive("orderId", orderId);
    RowChecks.positive("lineNo", lineNo);
    RowChecks.positive("quantity", quantity);
    Objects.requireNonNull(reason, "reason");
    RowChecks.money("refundAmount", refundAmount);
    Objects.requireNonNull(returnedAt, "returnedAt");
  }
}
