package lab.etl.star;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One captured shop table: the columns of its row image with their types, and its key.
 *
 * <p>Debezium sends NUMERIC as a string (decimal.handling.mode=string keeps money exact) and
 * timestamptz as an ISO-8601 string, so those are read as text and converted with {@code try_cast}:
 * a value that does not convert becomes an error on the event, not a crashed batch.
 */
public record ShopTable(
    String name, Map<String, DataType> columns, List<String> key, Set<String> optional) {

  public static final DataType MONEY = DataTypes.createDecimalType(12, 2);

  public static final ShopTable CURRENCIES =
      table(
          "currencies",
          List.of("currency_code"),
          Set.of(),
          "currency_code",
          DataTypes.StringType,
          "name",
          DataTypes.StringType,
          "minor_units",
          DataTypes.ShortType);

  public static final ShopTable SALES_CHANNELS =
      table(
          "sales_channels",
          List.of("channel_id"),
          Set.of(),
          "channel_id",
          DataTypes.ShortType,
          "code",
          DataTypes.StringType,
          "name",
          DataTypes.StringType);

  public static final ShopTable CATEGORIES =
      table(
          "categories",
          List.of("category_id"),
          Set.of("parent_id"),
          "category_id",
          DataTypes.IntegerType,
          "parent_id",
          DataTypes.IntegerType,
          "name",
          DataTypes.StringType);

  public static final ShopTable SUPPLIERS =
      table(
          "suppliers",
          List.of("supplier_id"),
          Set.of(),
          "supplier_id",
          DataTypes.IntegerType,
          "name",
          DataTypes.StringType,
          "country",
          DataTypes.StringType,
          "region",
          DataTypes.StringType);

  public static final ShopTable STORES =
      table(
          "stores",
          List.of("store_id"),
          Set.of(),
          "store_id",
          DataTypes.IntegerType,
          "store_code",
          DataTypes.StringType,
          "name",
          DataTypes.StringType,
          "kind",
          DataTypes.StringType,
          "city",
          DataTypes.StringType,
          "country",
          DataTypes.StringType,
          "currency_code",
          DataTypes.StringType,
          "opened_at",
          DataTypes.TimestampType);

  public static final ShopTable CUSTOMERS =
      table(
          "customers",
          List.of("customer_id"),
          Set.of("phone", "birth_date", "erased_at"),
          "customer_id",
          DataTypes.LongType,
          "email",
          DataTypes.StringType,
          "full_name",
          DataTypes.StringType,
          "country",
          DataTypes.StringType,
          "phone",
          DataTypes.StringType,
          "birth_date",
          DataTypes.DateType,
          "segment",
          DataTypes.StringType,
          "erased_at",
          DataTypes.TimestampType,
          "created_at",
          DataTypes.TimestampType,
          "updated_at",
          DataTypes.TimestampType);

  public static final ShopTable CUSTOMER_ADDRESSES =
      table(
          "customer_addresses",
          List.of("address_id"),
          Set.of("region", "valid_to"),
          "address_id",
          DataTypes.LongType,
          "customer_id",
          DataTypes.LongType,
          "street",
          DataTypes.StringType,
          "postcode",
          DataTypes.StringType,
          "city",
          DataTypes.StringType,
          "region",
          DataTypes.StringType,
          "country",
          DataTypes.StringType,
          "valid_from",
          DataTypes.TimestampType,
          "valid_to",
          DataTypes.TimestampType);

  public static final ShopTable CRM_CUSTOMER_IMPORTS =
      table(
          "crm_customer_imports",
          List.of("import_id"),
          Set.of(
              "email", "full_name", "phone", "birth_date", "postcode", "country", "registered_at"),
          "import_id",
          DataTypes.LongType,
          "loyalty_card",
          DataTypes.StringType,
          "email",
          DataTypes.StringType,
          "full_name",
          DataTypes.StringType,
          "phone",
          DataTypes.StringType,
          "birth_date",
          DataTypes.StringType,
          "postcode",
          DataTypes.StringType,
          "country",
          DataTypes.StringType,
          "registered_at",
          DataTypes.StringType,
          "imported_at",
          DataTypes.TimestampType);

  public static final ShopTable PRODUCTS =
      table(
          "products",
          List.of("product_id"),
          Set.of("category", "category_id", "supplier_id", "unit_cost"),
          "product_id",
          DataTypes.LongType,
          "sku",
          DataTypes.StringType,
          "name",
          DataTypes.StringType,
          "category",
          DataTypes.StringType,
          "unit_price",
          MONEY,
          "category_id",
          DataTypes.IntegerType,
          "supplier_id",
          DataTypes.IntegerType,
          "unit_cost",
          MONEY,
          "updated_at",
          DataTypes.TimestampType);

  public static final ShopTable PRODUCT_PRICES =
      table(
          "product_prices",
          List.of("product_id", "valid_from"),
          Set.of(),
          "product_id",
          DataTypes.LongType,
          "valid_from",
          DataTypes.TimestampType,
          "unit_price",
          MONEY);

  public static final ShopTable INVENTORY =
      table(
          "inventory",
          List.of("store_id", "product_id"),
          Set.of(),
          "store_id",
          DataTypes.IntegerType,
          "product_id",
          DataTypes.LongType,
          "on_hand",
          DataTypes.IntegerType,
          "updated_at",
          DataTypes.TimestampType);

  public static final ShopTable ORDERS =
      table(
          "orders",
          List.of("order_id"),
          Set.of("customer_id", "store_id", "loyalty_card"),
          "order_id",
          DataTypes.LongType,
          "customer_id",
          DataTypes.LongType,
          "status",
          DataTypes.StringType,
          "ordered_at",
          DataTypes.TimestampType,
          "updated_at",
          DataTypes.TimestampType,
          "channel_id",
          DataTypes.ShortType,
          "store_id",
          DataTypes.IntegerType,
          "currency_code",
          DataTypes.StringType,
          "loyalty_card",
          DataTypes.StringType);

  public static final ShopTable ORDER_ITEMS =
      table(
          "order_items",
          List.of("order_id", "line_no"),
          Set.of(),
          "order_id",
          DataTypes.LongType,
          "line_no",
          DataTypes.IntegerType,
          "product_id",
          DataTypes.LongType,
          "quantity",
          DataTypes.IntegerType,
          "unit_price",
          MONEY,
          "discount_pct",
          DataTypes.ShortType);

  public static final ShopTable PAYMENTS =
      table(
          "payments",
          List.of("payment_id"),
          Set.of("refunded_at"),
          "payment_id",
          DataTypes.LongType,
          "order_id",
          DataTypes.LongType,
          "method",
          DataTypes.StringType,
          "amount",
          MONEY,
          "currency_code",
          DataTypes.StringType,
          "status",
          DataTypes.StringType,
          "paid_at",
          DataTypes.TimestampType,
          "refunded_at",
          DataTypes.TimestampType);

  public static final ShopTable SHIPMENTS =
      table(
          "shipments",
          List.of("shipment_id"),
          Set.of("delivered_at"),
          "shipment_id",
          DataTypes.LongType,
          "order_id",
          DataTypes.LongType,
          "carrier",
          DataTypes.StringType,
          "tracking_no",
          DataTypes.StringType,
          "shipped_at",
          DataTypes.TimestampType,
          "delivered_at",
          DataTypes.TimestampType);

  public static final ShopTable RETURNS =
      table(
          "returns",
          List.of("return_id"),
          Set.of(),
          "return_id",
          DataTypes.LongType,
          "order_id",
          DataTypes.LongType,
          "line_no",
          DataTypes.IntegerType,
          "quantity",
          DataTypes.IntegerType,
          "reason",
          DataTypes.StringType,
          "refund_amount",
          MONEY,
          "returned_at",
          DataTypes.TimestampType);

  /** Every captured shop table, parents before children. */
  public static final List<ShopTable> ALL =
      List.of(
          CURRENCIES,
          SALES_CHANNELS,
          CATEGORIES,
          SUPPLIERS,
          STORES,
          CUSTOMERS,
          CUSTOMER_ADDRESSES,
          CRM_CUSTOMER_IMPORTS,
          PRODUCTS,
          PRODUCT_PRICES,
          INVENTORY,
          ORDERS,
          ORDER_ITEMS,
          PAYMENTS,
          SHIPMENTS,
          RETURNS);

  public ShopTable {
    columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    key = List.copyOf(key);
    optional = Set.copyOf(optional);
    if (!columns.keySet().containsAll(key)) {
      throw new IllegalArgumentException(name + ": key " + key + " is not among its columns");
    }
    if (!columns.keySet().containsAll(optional) || optional.stream().anyMatch(key::contains)) {
      throw new IllegalArgumentException(
          name + ": optional columns " + optional + " must be non-key columns of the table");
    }
  }

  /**
   * A column of this table's row image, typed. The image is the map {@code img} of column name to
   * value text that {@link lab.etl.cdc.ChangeEvents} reads every table's rows into: Debezium writes
   * NUMERIC as text (decimal.handling.mode=string keeps money exact), timestamptz as ISO-8601 text
   * and DATE as days since the epoch. {@code try_cast} turns a value that does not fit into NULL,
   * which {@link #error()} reports: a bad value becomes a dead letter, never a crashed batch.
   */
  public Column typed(String column) {
    DataType type = columns.get(column);
    if (type == null) {
      throw new IllegalArgumentException(name + " has no column " + column);
    }
    String text = "img['" + column + "']";
    if (type == DataTypes.StringType) {
      return col("img").getItem(column);
    }
    if (type == DataTypes.DateType) {
      return expr("date_from_unix_date(try_cast(" + text + " AS INT))");
    }
    return expr("try_cast(" + text + " AS " + type.sql() + ")");
  }

  /**
   * Why a change of this table cannot be applied, or NULL: a delete needs its key (from the before
   * image); an insert, update or snapshot read needs every column but the {@code optional} ones
   * (the shop declares the others NOT NULL), each of its declared type.
   */
  public Column error() {
    Column error = lit(null).cast(DataTypes.StringType);
    // Built last-to-first so that the first failing column wins.
    List<String> names = new ArrayList<>(columns.keySet());
    for (int i = names.size() - 1; i >= 0; i--) {
      String c = names.get(i);
      if (optional.contains(c)) {
        continue;
      }
      Column missing =
          key.contains(c)
              ? typed(c).isNull()
              : typed(c).isNull().and(col("is_deleted").unary_$bang());
      error =
          when(
                  missing,
                  lit(name + "." + c + " is missing or not a " + columns.get(c).simpleString()))
              .otherwise(error);
    }
    return error;
  }

  private static ShopTable table(
      String name, List<String> key, Set<String> optional, Object... columnsAndTypes) {
    Map<String, DataType> columns = new LinkedHashMap<>();
    for (int i = 0; i < columnsAndTypes.length; i += 2) {
      columns.put((String) columnsAndTypes[i], (DataType) columnsAndTypes[i + 1]);
    }
    return new ShopTable(name, columns, key, optional);
  }
}
