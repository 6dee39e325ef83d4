package lab.shop.gen;

import java.time.OffsetDateTime;

/** A row of {@code crm_customer_imports}: a loyalty member as the CRM exported it, as text. */
public record CrmImportRow(
    String loyaltyCard,
    String email,
    String fullName,
    String phone,
    String birthDate,
    String postcode,
    String country,
    String registeredAt,
    OffsetDateTime importedAt) {}
