package lab.shop.gen;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A row of {@code payments}; currencyCode is as the provider reported it (case varies). */
public record PaymentRow(
    long orderId,
    String method,
    BigDecimal amount,
    String currencyCode,
    OffsetDateTime paidAt,
    OffsetDateTime refundedAt) {

  public PaymentRow {
    RowChecks.positive("orderId", orderId);
    Objects.requireNonNull(method, "method");
    RowChecks.money("amount", amount);
    Objects.requireNonNull(currencyCode, "currencyCode");
    Objects.requireNonNull(paidAt, "paidAt");
  }

  public String status() {
    return refundedAt == null ? "captured" : "refunded";
  }
}
