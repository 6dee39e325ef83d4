package lab.warehouse.sink;

import java.math.BigDecimal;

/** The latest change of one order line (the fact's grain) in a batch, with its amount. */
public record OrderLineChange(
    long orderId,
    int lineNo,
    Long productId,
    Integer quantity,
    BigDecimal unitPrice,
    BigDecimal amount,
    long sourceLsn,
    boolean deleted) {}
