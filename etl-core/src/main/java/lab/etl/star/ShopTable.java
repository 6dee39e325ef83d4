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
import lab.shop.contract.ShopContract;
import lab.shop.contract.SourceColumn;
import lab.shop.contract.SourceTable;
import lab.shop.contract.SourceType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One captured shop table as the Spark job reads it: the columns of its row image with Spark's
 * types, and its key, from the shop's contract ({@link ShopContract}).
 *
 * <p>Debezium sends NUMERIC as a string (decimal.handling.mode=string keeps money exact) and
 * timestamptz as an ISO-8601 string, so those are read as text and converted with {@code try_cast}:
 * a value that does not convert becomes an error on the event, not a crashed batch.
 */
public record ShopTable(
    String name, Map<String, DataType> columns, List<String> key, Set<String> optional) {

  public static final DataType MONEY = DataTypes.createDecimalType(12, 2);

  public static final ShopTable CURRENCIES = of(ShopContract.CURRENCIES);

  public static final ShopTable SALES_CHANNELS = of(ShopContract.SALES_CHANNELS);

  public static final ShopTable CATEGORIES = of(ShopContract.CATEGORIES);

  public static final ShopTable SUPPLIERS = of(ShopContract.SUPPLIERS);

  public static final ShopTable STORES = of(ShopContract.STORES);

  public static final ShopTable CUSTOMERS = of(ShopContract.CUSTOMERS);

  public static final ShopTable CUSTOMER_ADDRESSES = of(ShopContract.CUSTOMER_ADDRESSES);

  public static final ShopTable CRM_CUSTOMER_IMPORTS = of(ShopContract.CRM_CUSTOMER_IMPORTS);

  public static final ShopTable PRODUCTS = of(ShopContract.PRODUCTS);

  public static final ShopTable PRODUCT_PRICES = of(ShopContract.PRODUCT_PRICES);

  public static final ShopTable INVENTORY = of(ShopContract.INVENTORY);

  public static final ShopTable ORDERS = of(ShopContract.ORDERS);

  public static final ShopTable ORDER_ITEMS = of(ShopContract.ORDER_ITEMS);

  public static final ShopTable PAYMENTS = of(ShopContract.PAYMENTS);

  public static final ShopTable SHIPMENTS = of(ShopContract.SHIPMENTS);

  public static final ShopTable RETURNS = of(ShopContract.RETURNS);

  /** Every captured shop table, parents before children, as the contract lists them. */
  public static final List<ShopTable> ALL =
      ShopContract.TABLES.stream().map(ShopTable::of).toList();

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

  /** The table as the contract declares it, with Spark's type for each column. */
  public static ShopTable of(SourceTable table) {
    Map<String, DataType> columns = new LinkedHashMap<>();
    Set<String> optional = new java.util.HashSet<>();
    for (SourceColumn c : table.columns()) {
      columns.put(c.name(), sparkType(c.type()));
      if (c.optional()) {
        optional.add(c.name());
      }
    }
    return new ShopTable(table.name(), columns, table.key(), optional);
  }

  /** How a row image's value of the type is read: money exact, timestamps with their zone. */
  static DataType sparkType(SourceType type) {
    return switch (type) {
      case TEXT -> DataTypes.StringType;
      case SMALLINT -> DataTypes.ShortType;
      case INTEGER -> DataTypes.IntegerType;
      case BIGINT -> DataTypes.LongType;
      case MONEY -> ShopTable.MONEY;
      case DATE -> DataTypes.DateType;
      case TIMESTAMPTZ -> DataTypes.TimestampType;
    };
  }
}
