package lab.warehouse.sink;

import java.math.BigDecimal;

/** The latest change of one product in a batch; attributes are null for a delete. */
public record ProductChange(
    long productId,
    String sku,
    String name,
    String category,
    BigDecimal unitPrice,
    long sourceLsn,
    boolean deleted) {}
