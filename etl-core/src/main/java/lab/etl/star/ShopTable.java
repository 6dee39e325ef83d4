package lab.etl.star;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

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

  public static final ShopTable CUSTOMERS =
      table(
          "customers",
          List.of("customer_id"),
          Set.of("phone"),
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
          "created_at",
          DataTypes.TimestampType);

  public static final ShopTable PRODUCTS =
      table(
          "products",
          List.of("product_id"),
          Set.of("category"),
          "product_id",
          DataTypes.LongType,
          "sku",
          DataTypes.StringType,
          "name",
          DataTypes.StringType,
          "category",
          DataTypes.StringType,
          "unit_price",
          MONEY);

  public static final ShopTable ORDERS =
      table(
          "orders",
          List.of("order_id"),
          Set.of("customer_id"),
          "order_id",
          DataTypes.LongType,
          "customer_id",
          DataTypes.LongType,
          "status",
          DataTypes.StringType,
          "ordered_at",
          DataTypes.TimestampType);

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
          MONEY);

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
   * This table's events with the row image as typed columns, plus {@code lsn}, {@code offset},
   * {@code is_deleted} and {@code error}. A delete takes its key from the before image; every
   * column of an insert, update or snapshot read is required except the {@code optional} ones (the
   * shop declares the others NOT NULL).
   */
  public Dataset<Row> typedChanges(Dataset<Row> events) {
    Dataset<Row> image =
        events
            .where(col("table").equalTo(name).and(col("error").isNull()))
            .withColumn("is_deleted", col("op").equalTo("d"))
            .withColumn(
                "img",
                from_json(
                    when(col("is_deleted"), col("before")).otherwise(col("after")), jsonSchema()));
    List<Column> select = new ArrayList<>();
    for (Map.Entry<String, DataType> c : columns.entrySet()) {
      select.add(typed(c.getKey(), c.getValue()).as(c.getKey()));
    }
    select.add(col("lsn"));
    select.add(col("offset"));
    select.add(col("partition"));
    select.add(col("topic"));
    select.add(col("raw"));
    select.add(col("is_deleted"));
    Dataset<Row> typed =
        image.select(select.toArray(Column[]::new)).withColumn("error", rowError());
    // The raw record is kept only where it is needed, for the dead-letter table; good rows stay
    // narrow for the shuffle that picks the latest change per key.
    return typed.withColumn("raw", when(col("error").isNotNull(), col("raw")));
  }

  /** Image schema as Debezium writes it: decimals and timestamps as text. */
  private StructType jsonSchema() {
    StructType schema = new StructType();
    for (Map.Entry<String, DataType> c : columns.entrySet()) {
      DataType t = c.getValue();
      boolean text =
          t instanceof org.apache.spark.sql.types.DecimalType || t == DataTypes.TimestampType;
      schema = schema.add(c.getKey(), text ? DataTypes.StringType : t);
    }
    return schema;
  }

  private static Column typed(String column, DataType type) {
    Column raw = col("img." + column);
    if (type instanceof org.apache.spark.sql.types.DecimalType || type == DataTypes.TimestampType) {
      return expr("try_cast(img." + column + " AS " + type.sql() + ")");
    }
    return raw;
  }

  private Column rowError() {
    Column error = lit(null).cast(DataTypes.StringType);
    // Checked last-to-first so the first failing column wins.
    List<String> names = new ArrayList<>(columns.keySet());
    for (int i = names.size() - 1; i >= 0; i--) {
      String c = names.get(i);
      if (optional.contains(c)) {
        continue;
      }
      boolean isKey = key.contains(c);
      Column missing =
          isKey ? col(c).isNull() : col(c).isNull().and(col("is_deleted").unary_$bang());
      error =
          when(
                  missing,
                  concat(
                      lit(name + "." + c + " is missing or not a "),
                      lit(columns.get(c).simpleString())))
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
