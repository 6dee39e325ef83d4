package lab.shop.contract;

import static lab.shop.contract.SourceType.BIGINT;
import static lab.shop.contract.SourceType.DATE;
import static lab.shop.contract.SourceType.INTEGER;
import static lab.shop.contract.SourceType.MONEY;
import static lab.shop.contract.SourceType.SMALLINT;
import static lab.shop.contract.SourceType.TEXT;
import static lab.shop.contract.SourceType.TIMESTAMPTZ;

import java.util.List;
import java.util.Optional;

/**
 * The shop's tables as every module reads them: each table's columns with their types, which may be
 * NULL, and its key. The migrations create exactly these (ShopContractIT compares them with
 * PostgreSQL's information_schema and with the warehouse's change layer); the capture streams them,
 * the Spark job types their row images by them, the generator and the benchmark's copy walk them in
 * this order, parents before children.
 */
public final class ShopContract {

  public static final SourceTable CURRENCIES =
      table(
          "currencies",
          List.of("currency_code"),
          required("currency_code", TEXT),
          required("name", TEXT),
          required("minor_units", SMALLINT));

  public static final SourceTable SALES_CHANNELS =
      table(
          "sales_channels",
          List.of("channel_id"),
          required("channel_id", SMALLINT),
          required("code", TEXT),
          required("name", TEXT));

  public static final SourceTable CATEGORIES =
      table(
          "categories",
          List.of("category_id"),
          required("category_id", INTEGER),
          optional("parent_id", INTEGER),
          required("name", TEXT));

  public static final SourceTable SUPPLIERS =
      table(
          "suppliers",
          List.of("supplier_id"),
          required("supplier_id", INTEGER),
          required("name", TEXT),
          required("country", TEXT),
          required("region", TEXT));

  public static final SourceTable STORES =
      table(
          "stores",
          List.of("store_id"),
          required("store_id", INTEGER),
          required("store_code", TEXT),
          required("name", TEXT),
          required("kind", TEXT),
          required("city", TEXT),
          required("country", TEXT),
          required("currency_code", TEXT),
          required("opened_at", TIMESTAMPTZ));

  public static final SourceTable PRODUCTS =
      withIdentity(
          "products",
          "product_id",
          required("product_id", BIGINT),
          required("sku", TEXT),
          required("name", TEXT),
          optional("category", TEXT),
          required("unit_price", MONEY),
          required("updated_at", TIMESTAMPTZ),
          optional("category_id", INTEGER),
          optional("supplier_id", INTEGER),
          optional("unit_cost", MONEY));

  public static final SourceTable PRODUCT_PRICES =
      table(
          "product_prices",
          List.of("product_id", "valid_from"),
          required("product_id", BIGINT),
          required("valid_from", TIMESTAMPTZ),
          required("unit_price", MONEY));

  public static final SourceTable INVENTORY =
      table(
          "inventory",
          List.of("store_id", "product_id"),
          required("store_id", INTEGER),
          required("product_id", BIGINT),
          required("on_hand", INTEGER),
          required("updated_at", TIMESTAMPTZ));

  public static final SourceTable CUSTOMERS =
      withIdentity(
          "customers",
          "customer_id",
          required("customer_id", BIGINT),
          required("email", TEXT),
          required("full_name", TEXT),
          required("country", TEXT),
          required("created_at", TIMESTAMPTZ),
          required("updated_at", TIMESTAMPTZ),
          optional("phone", TEXT),
          optional("birth_date", DATE),
          required("segment", TEXT),
          optional("erased_at", TIMESTAMPTZ));

  public static final SourceTable CUSTOMER_ADDRESSES =
      withIdentity(
          "customer_addresses",
          "address_id",
          required("address_id", BIGINT),
          required("customer_id", BIGINT),
          required("street", TEXT),
          required("postcode", TEXT),
          required("city", TEXT),
          optional("region", TEXT),
          required("country", TEXT),
          required("valid_from", TIMESTAMPTZ),
          optional("valid_to", TIMESTAMPTZ));

  public static final SourceTable CRM_CUSTOMER_IMPORTS =
      withIdentity(
          "crm_customer_imports",
          "import_id",
          required("import_id", BIGINT),
          required("loyalty_card", TEXT),
          optional("email", TEXT),
          optional("full_name", TEXT),
          optional("phone", TEXT),
          optional("birth_date", TEXT),
          optional("postcode", TEXT),
          optional("country", TEXT),
          optional("registered_at", TEXT),
          required("imported_at", TIMESTAMPTZ));

  public static final SourceTable ORDERS =
      withIdentity(
          "orders",
          "order_id",
          required("order_id", BIGINT),
          optional("customer_id", BIGINT),
          required("status", TEXT),
          required("ordered_at", TIMESTAMPTZ),
          required("updated_at", TIMESTAMPTZ),
          required("channel_id", SMALLINT),
          optional("store_id", INTEGER),
          required("currency_code", TEXT),
          optional("loyalty_card", TEXT));

  public static final SourceTable ORDER_ITEMS =
      table(
          "order_items",
          List.of("order_id", "line_no"),
          required("order_id", BIGINT),
          required("line_no", INTEGER),
          required("product_id", BIGINT),
          required("quantity", INTEGER),
          required("unit_price", MONEY),
          required("discount_pct", SMALLINT));

  public static final SourceTable PAYMENTS =
      withIdentity(
          "payments",
          "payment_id",
          required("payment_id", BIGINT),
          required("order_id", BIGINT),
          required("method", TEXT),
          required("amount", MONEY),
          required("currency_code", TEXT),
          required("status", TEXT),
          required("paid_at", TIMESTAMPTZ),
          optional("refunded_at", TIMESTAMPTZ));

  public static final SourceTable SHIPMENTS =
      withIdentity(
          "shipments",
          "shipment_id",
          required("shipment_id", BIGINT),
          required("order_id", BIGINT),
          required("carrier", TEXT),
          required("tracking_no", TEXT),
          required("shipped_at", TIMESTAMPTZ),
          optional("delivered_at", TIMESTAMPTZ));

  public static final SourceTable RETURNS =
      withIdentity(
          "returns",
          "return_id",
          required("return_id", BIGINT),
          required("order_id", BIGINT),
          required("line_no", INTEGER),
          required("quantity", INTEGER),
          required("reason", TEXT),
          required("refund_amount", MONEY),
          required("returned_at", TIMESTAMPTZ));

  /** Every table, parents before children, so a copy in this order finds every referenced row. */
  public static final List<SourceTable> TABLES =
      List.of(
          CURRENCIES,
          SALES_CHANNELS,
          CATEGORIES,
          SUPPLIERS,
          STORES,
          PRODUCTS,
          PRODUCT_PRICES,
          INVENTORY,
          CUSTOMERS,
          CUSTOMER_ADDRESSES,
          CRM_CUSTOMER_IMPORTS,
          ORDERS,
          ORDER_ITEMS,
          PAYMENTS,
          SHIPMENTS,
          RETURNS);

  private ShopContract() {}

  /** The tables' names, parents first. */
  public static List<String> names() {
    return TABLES.stream().map(SourceTable::name).toList();
  }

  /** A table by its name. */
  public static Optional<SourceTable> table(String name) {
    return TABLES.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The tables whose key the database generates, with that column. */
  public static List<SourceTable> withIdentities() {
    return TABLES.stream().filter(t -> t.identity() != null).toList();
  }

  private static SourceTable table(String name, List<String> key, SourceColumn... columns) {
    return new SourceTable(name, key, List.of(columns), null);
  }

  /** A table keyed by an identity column: the database numbers its rows. */
  private static SourceTable withIdentity(String name, String identity, SourceColumn... columns) {
    return new SourceTable(name, List.of(identity), List.of(columns), identity);
  }

  private static SourceColumn required(String name, SourceType type) {
    return new SourceColumn(name, type, false);
  }

  private static SourceColumn optional(String name, SourceType type) {
    return new SourceColumn(name, type, true);
  }
}
