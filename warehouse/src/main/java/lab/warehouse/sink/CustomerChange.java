package lab.warehouse.sink;

import java.time.OffsetDateTime;

/**
 * The latest change of one customer in a batch. For a delete only the key, the position and the
 * flag are known; the attributes are null.
 */
public record CustomerChange(
    long customerId,
    String email,
    String fullName,
    String country,
    OffsetDateTime createdAt,
    long sourceLsn,
    boolean deleted) {}
