package lab.shop.gen;

import java.time.OffsetDateTime;

/** A row of {@code stores}: a shop front, or the warehouse that fulfils web and app orders. */
public record StoreRow(
    int storeId,
    String storeCode,
    String name,
    String kind,
    String city,
    String country,
    String currency,
    OffsetDateTime openedAt) {}
