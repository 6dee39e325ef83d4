package lab.shop.schema;

import java.util.List;

/** The shop's tables as the migrations create them, named once for every module that lists them. */
public final class ShopTables {

  /** Every table, parents before children, so a copy in this order finds every referenced row. */
  public static final List<String> ALL =
      List.of(
          "currencies",
          "sales_channels",
          "categories",
          "suppliers",
          "stores",
          "products",
          "product_prices",
          "inventory",
          "customers",
          "customer_addresses",
          "crm_customer_imports",
          "orders",
          "order_items",
          "payments",
          "shipments",
          "returns");

  /** Tables the migrations fill with reference data; a seed or a reset leaves them alone. */
  public static final List<String> REFERENCE = List.of("currencies", "sales_channels");

  /** Every table a seed writes: all but the reference data, parents first. */
  public static final List<String> SEEDED =
      ALL.stream().filter(t -> !REFERENCE.contains(t)).toList();

  private ShopTables() {}
}
