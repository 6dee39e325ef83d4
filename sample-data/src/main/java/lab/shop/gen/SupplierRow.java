package lab.shop.gen;

/** A row of {@code suppliers}. */
public record SupplierRow(int supplierId, String name, String country, String region) {}
