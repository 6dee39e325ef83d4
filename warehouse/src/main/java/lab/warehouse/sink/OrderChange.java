package lab.warehouse.sink;

import java.time.OffsetDateTime;

/** The latest change of one order header in a batch; attributes are null for a delete. */
public record OrderChange(
    long orderId,
    Long customerId,
    String status,
    OffsetDateTime orderedAt,
    Integer dateKey,
    long sourceLsn,
    boolean deleted) {}
