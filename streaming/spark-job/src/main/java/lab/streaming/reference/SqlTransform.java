package lab.streaming.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import lab.etl.standardize.Markets;
import lab.etl.star.ShopTable;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * The benchmark's reference: the ETL's Spark transform ({@code ChangeStreamTransform}: parse the
 * Debezium envelopes, type each table's row image against its {@link ShopTable} schema, standardize
 * as {@code Conform} does, dead-letter what fails) written as DuckDB SQL over a table of raw Kafka
 * records. It produces the change rows the warehouse sink stages, so the rest (merge, star, ledger)
 * is the very code the stream runs.
 *
 * <p>The schemas and the reference data (country names, calling codes, currencies) are read from
 * the same Java definitions the Spark transform uses; the rules themselves are re-written in SQL
 * (standardize.sql and {@link #derived}). What is known to differ is malformed-input detail:
 * DuckDB's TRY_CAST rounds {@code "12.7"} to an INTEGER where Spark gives NULL, and an {@code
 * after} that is JSON but not an object is a missing-column dead letter here and a bad envelope in
 * Spark. The lab's own data has neither; on it both build identical warehouses, which {@code lab
 * etl --backfill --sql-reference} checks.
 */
final class SqlTransform {

  /**
   * The raw input: one row per Kafka record with a value, in consumption order. A temporary table
   * (memory, spilling to disk): it holds one chunk of records at a time.
   */
  static final String RAW_TABLE =
      "CREATE TEMP TABLE raw_record (seq BIGINT, topic VARCHAR, \"partition\" INTEGER,"
          + " \"offset\" BIGINT, value VARCHAR)";

  /** The output: a change row for the sink, or a dead letter with its reason and raw value. */
  static final String CHANGE_TABLE =
      "CREATE TABLE ref_change (seq BIGINT, topic VARCHAR, \"partition\" INTEGER,"
          + " \"offset\" BIGINT, tbl VARCHAR, lsn BIGINT, source_ts_ms BIGINT, is_deleted BOOLEAN,"
          + " image VARCHAR, error VARCHAR, raw VARCHAR)";

  /** Debezium's envelope, as json_transform reads it: the row images stay JSON. */
  private static final String ENVELOPE =
      "{\"op\":\"VARCHAR\",\"before\":\"JSON\",\"after\":\"JSON\","
          + "\"source\":{\"lsn\":\"BIGINT\",\"ts_ms\":\"BIGINT\"}}";

  private SqlTransform() {}

  /** The macros and the output table, once per session. */
  static List<String> setup() {
    List<String> out = new ArrayList<>(macros());
    out.add(CHANGE_TABLE);
    return out;
  }

  /**
   * The statements, in order, that turn the records in {@code raw_record} into rows of {@code
   * ref_change}; run once per chunk of records.
   */
  static List<String> chunk() {
    List<String> out = new ArrayList<>();
    out.add(envelopes());
    for (ShopTable t : ShopTable.ALL) {
      out.add(table(t));
    }
    out.add(rejectedEnvelopes());
    out.add("DROP TABLE ref_env");
    return out;
  }

  /** standardize.sql with the Java reference data filled in. */
  static List<String> macros() {
    String sql;
    try (InputStream in = SqlTransform.class.getResourceAsStream("standardize.sql")) {
      if (in == null) {
        throw new IllegalStateException("standardize.sql is missing from the classpath");
      }
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sql =
        sql.replace("${CALLING_CODES}", mapLiteral(Markets.CALLING_CODES))
            .replace("${COUNTRY_NAMES}", mapLiteral(Markets.COUNTRY_NAMES))
            .replace("${COUNTRY_CODES}", listLiteral(Markets.COUNTRY_CODES))
            .replace("${CURRENCIES}", listLiteral(Markets.CURRENCIES));
    String withoutComments =
        sql.lines().filter(l -> !l.strip().startsWith("--")).collect(Collectors.joining("\n"));
    return Arrays.stream(withoutComments.split("\n;\n"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /** Parses every envelope once; a record that is not a usable change gets its reason. */
  static String envelopes() {
    return """
        CREATE TEMP TABLE ref_env AS
        SELECT seq, topic, "partition", "offset", raw, tbl,
               e.source.lsn AS lsn, e.source.ts_ms AS source_ts_ms,
               e.op = 'd' AS is_deleted,
               CASE WHEN e.op = 'd' THEN e.before ELSE e.after END AS img,
               CASE
                 WHEN e IS NULL OR e.op IS NULL THEN 'not a Debezium change envelope'
                 WHEN e.op NOT IN ('c', 'u', 'd', 'r') THEN 'unknown op ''' || e.op || ''''
                 WHEN e.source.lsn IS NULL THEN 'missing source.lsn'
                 WHEN e.op = 'd' AND e.before IS NULL THEN 'delete without before image'
                 WHEN e.op <> 'd' AND e.after IS NULL THEN 'missing after image'
               END AS envelope_error
        FROM (SELECT seq, topic, "partition", "offset", value AS raw,
                     regexp_extract(topic, '[^.]*$') AS tbl,
                     try(json_transform(value, '%s')) AS e
              FROM raw_record)
        """
        .formatted(ENVELOPE);
  }

  /** One table's good envelopes: typed, checked, standardized, written as the sink's image. */
  static String table(ShopTable t) {
    List<String> typed = new ArrayList<>();
    String text =
        t.columns().keySet().stream()
            .map(c -> "\"" + c + "\":\"VARCHAR\"")
            .collect(Collectors.joining(",", "{", "}"));
    for (Map.Entry<String, DataType> c : t.columns().entrySet()) {
      typed.add(typed("i." + quote(c.getKey()), c.getValue()) + " AS " + quote(c.getKey()));
    }
    Map<String, Derived> derived = derived(t.name());
    List<String> derivedColumns = new ArrayList<>();
    derived.forEach((name, d) -> derivedColumns.add(d.sql() + " AS " + quote(name)));
    List<String> image = new ArrayList<>();
    t.columns().forEach((c, type) -> image.add("'" + c + "', " + wire(quote(c), type)));
    derived.forEach((c, d) -> image.add("'" + c + "', " + wire(quote(c), d.type())));
    return """
        INSERT INTO ref_change
        SELECT seq, topic, "partition", "offset", tbl, lsn, source_ts_ms, is_deleted,
               CASE WHEN error IS NULL THEN json_object(%s) END,
               error, CASE WHEN error IS NOT NULL THEN raw END
        FROM (
          SELECT *, %s%s AS error
          FROM (
            SELECT seq, topic, "partition", "offset", tbl, lsn, source_ts_ms, is_deleted, raw,
                   %s
            FROM (SELECT *, json_transform(img, '%s') AS i FROM ref_env
                  WHERE envelope_error IS NULL AND tbl = '%s')))
        """
        .formatted(
            String.join(", ", image),
            derivedColumns.isEmpty() ? "" : String.join(", ", derivedColumns) + ", ",
            error(t),
            String.join(", ", typed),
            text,
            t.name());
  }

  /** Bad envelopes and changes of tables without a schema, as dead letters. */
  static String rejectedEnvelopes() {
    String known =
        ShopTable.ALL.stream().map(t -> "'" + t.name() + "'").collect(Collectors.joining(", "));
    return """
        INSERT INTO ref_change
        SELECT seq, topic, "partition", "offset", tbl, lsn, source_ts_ms, is_deleted, NULL,
               coalesce(envelope_error, 'no schema for table of topic ' || topic), raw
        FROM ref_env WHERE envelope_error IS NOT NULL OR tbl NOT IN (%s)
        """
        .formatted(known);
  }

  /** A standardized column: its SQL over the table's typed columns, and its type. */
  record Derived(String sql, DataType type) {}

  /**
   * The conforming step, table by table, as {@code lab.etl.conform.Conform} defines it. An entry
   * may use the ones before it (DuckDB reads an earlier alias of the same SELECT).
   */
  static Map<String, Derived> derived(String table) {
    Map<String, Derived> out = new LinkedHashMap<>();
    switch (table) {
      case "customers" -> {
        out.put("email_std", text("std_email(email)"));
        out.put("phone_e164", text("std_phone(phone, country)"));
        out.put(
            "contact_standardized",
            new Derived(
                "email IS DISTINCT FROM email_std OR phone IS DISTINCT FROM phone_e164",
                DataTypes.BooleanType));
      }
      case "customer_addresses" -> out.put("country_code", text("std_country(country)"));
      case "crm_customer_imports" -> {
        out.put("email_std", text("std_email(email)"));
        out.put("country_code", text("std_country(country)"));
        out.put("phone_e164", text("std_phone(phone, country_code)"));
        out.put("birth_date_std", new Derived("std_lenient_date(birth_date)", DataTypes.DateType));
        out.put(
            "registered_at_utc",
            new Derived("std_utc_timestamp(registered_at)", DataTypes.TimestampType));
        out.put(
            "birth_date_unreadable",
            new Derived(
                "birth_date IS NOT NULL AND birth_date_std IS NULL", DataTypes.BooleanType));
        out.put(
            "registered_at_unreadable",
            new Derived(
                "registered_at IS NOT NULL AND registered_at_utc IS NULL", DataTypes.BooleanType));
      }
      case "orders", "payments", "stores" ->
          out.put("currency_std", text("std_currency(currency_code)"));
      default -> {
        // reference data and facts the shop already keeps in one spelling
      }
    }
    return out;
  }

  /** The first column that is missing or does not fit, as ShopTable#error words it. */
  private static String error(ShopTable t) {
    StringBuilder sql = new StringBuilder("CASE");
    t.columns()
        .forEach(
            (c, type) -> {
              if (t.optional().contains(c)) {
                return;
              }
              String missing =
                  t.key().contains(c)
                      ? quote(c) + " IS NULL"
                      : "(" + quote(c) + " IS NULL AND NOT is_deleted)";
              sql.append(" WHEN ")
                  .append(missing)
                  .append(" THEN '")
                  .append(t.name())
                  .append('.')
                  .append(c)
                  .append(" is missing or not a ")
                  .append(type.simpleString())
                  .append("'");
            });
    return sql.append(" END").toString();
  }

  /** Debezium's text as the column's type: DATE arrives as days since the epoch. */
  private static String typed(String text, DataType type) {
    if (type == DataTypes.StringType) {
      return text;
    }
    if (type == DataTypes.DateType) {
      return "DATE '1970-01-01' + TRY_CAST(" + text + " AS INTEGER)";
    }
    return "TRY_CAST(" + text + " AS " + duckType(type) + ")";
  }

  private static String duckType(DataType type) {
    if (type instanceof DecimalType d) {
      return "DECIMAL(" + d.precision() + "," + d.scale() + ")";
    }
    if (type == DataTypes.ShortType) {
      return "SMALLINT";
    }
    if (type == DataTypes.IntegerType) {
      return "INTEGER";
    }
    if (type == DataTypes.LongType) {
      return "BIGINT";
    }
    if (type == DataTypes.TimestampType) {
      return "TIMESTAMPTZ";
    }
    throw new IllegalArgumentException("no DuckDB type for " + type);
  }

  /** As the Spark transform writes values: exact decimals and dates as text, UTC timestamps. */
  private static String wire(String value, DataType type) {
    if (type instanceof DecimalType || type == DataTypes.DateType) {
      return "CAST(" + value + " AS VARCHAR)";
    }
    if (type == DataTypes.TimestampType) {
      return "wire_timestamp(" + value + ")";
    }
    return value;
  }

  private static Derived text(String sql) {
    return new Derived(sql, DataTypes.StringType);
  }

  private static String quote(String identifier) {
    return "\"" + identifier + "\"";
  }

  private static String mapLiteral(Map<String, String> entries) {
    return new TreeMap<>(entries)
        .entrySet().stream()
            .map(e -> "'" + e.getKey() + "': '" + e.getValue() + "'")
            .collect(Collectors.joining(", "));
  }

  private static String listLiteral(java.util.Collection<String> values) {
    return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
  }
}
