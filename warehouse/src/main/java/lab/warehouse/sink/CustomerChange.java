package lab.warehouse.sink;

import java.time.OffsetDateTime;

/**
 * The latest change of one customer in a batch. For a delete only the key, the position and the
 * flag are known; the attributes are null.
 *
 * @param email as the shop has it
 * @param emailStd the email trimmed and lower-cased
 * @param phoneE164 the phone in E.164, null if the customer gave none or it could not be read
 * @param contactStandardized whether standardizing changed the email or the phone
 */
public record CustomerChange(
    long customerId,
    String email,
    String fullName,
    String country,
    OffsetDateTime createdAt,
    long sourceLsn,
    boolean deleted,
    String emailStd,
    String phoneE164,
    boolean contactStandardized) {}
