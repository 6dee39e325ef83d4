package lab.bench.catalog;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A query's result in an engine-neutral form, so that the two engines' answers compare exactly:
 * numbers as plain decimals without trailing zeros (DuckDB's HUGEINT sum and PostgreSQL's bigint
 * sum both become {@code 42}; DECIMAL 1.50 and NUMERIC 1.5 both {@code 1.5}), text without CHAR
 * padding, column names in lower case.
 */
public record ResultRows(List<String> columns, List<List<String>> rows) {

  public ResultRows {
    columns = List.copyOf(columns);
    rows = rows.stream().map(List::copyOf).toList();
  }

  /** Runs the query and reads every row. */
  public static ResultRows of(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
      }
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>(columns.size());
        for (int i = 1; i <= columns.size(); i++) {
          row.add(normalize(rs.getObject(i)));
        }
        rows.add(row);
      }
      return new ResultRows(columns, rows);
    }
  }

  static String normalize(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof BigDecimal d) {
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    if (v instanceof BigInteger || v instanceof Long || v instanceof Integer) {
      return v.toString();
    }
    if (v instanceof Short || v instanceof Byte) {
      return Long.toString(((Number) v).longValue());
    }
    if (v instanceof Double || v instanceof Float) {
      // The catalog avoids floating point; where one appears, compare at 9 significant digits.
      return new BigDecimal(((Number) v).doubleValue())
          .round(new java.math.MathContext(9))
          .stripTrailingZeros()
          .toPlainString();
    }
    if (v instanceof String s) {
      return s.stripTrailing();
    }
    return v.toString();
  }

  /** The rows sorted as text: the engines order strings differently (collations). */
  public List<List<String>> sortedRows() {
    List<List<String>> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(r -> String.join("\u0001", r)));
    return sorted;
  }

  /** SHA-256 of the column names and the sorted rows, first 16 hex digits: equal answers, equal. */
  public String checksum() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(String.join("\u0001", columns).getBytes(StandardCharsets.UTF_8));
      for (List<String> row : sortedRows()) {
        md.update((byte) '\n');
        md.update(String.join("\u0001", row).getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  public int size() {
    return rows.size();
  }
}
