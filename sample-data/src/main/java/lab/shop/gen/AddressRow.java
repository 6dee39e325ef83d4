package lab.shop.gen;

import java.time.OffsetDateTime;
import java.util.Objects;

/** A row of {@code customer_addresses}; validTo is null for the current address. */
public record AddressRow(
    long customerId,
    String street,
    String postcode,
    String city,
    String region,
    String country,
    OffsetDateTime validFrom,
    OffsetDateTime validTo) {

  public AddressRow {
    RowChecks.positive("customerId", customerId);
    RowChecks.notBlank("street", street);
    RowChecks.notBlank("postcode", postcode);
    RowChecks.notBlank("city", city);
    RowChecks.notBlank("country", country);
    Objects.requireNonNull(validFrom, "validFrom");
    if (validTo != null && !validTo.isAfter(validFrom)) {
      throw new IllegalArgumentException("validTo must be after validFrom for " + this);
    }
  }
}
