package lab.shop.contract;

import java.util.List;
import java.util.Optional;

/**
 * A shop table: its columns in the migration's order, its key, and the identity column the database
 * numbers rows with, or null when the key is given by the rows themselves.
 */
public record SourceTable(
    String name, List<String> key, List<SourceColumn> columns, String identity) {

  public SourceTable {
    List<String> keyColumns = List.copyOf(key);
    key = keyColumns;
    columns = List.copyOf(columns);
    if (!columns.stream().map(SourceColumn::name).toList().containsAll(keyColumns)) {
      throw new IllegalArgumentException(name + ": key " + key + " is not among its columns");
    }
    if (columns.stream().anyMatch(c -> c.optional() && keyColumns.contains(c.name()))) {
      throw new IllegalArgumentException(name + ": a key column cannot be optional");
    }
    if (identity != null && !keyColumns.equals(List.of(identity))) {
      throw new IllegalArgumentException(name + ": the identity column must be the whole key");
    }
  }

  /** The column's names, in order. */
  public List<String> columnNames() {
    return columns.stream().map(SourceColumn::name).toList();
  }

  /** A column by its name. */
  public Optional<SourceColumn> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** {@code schema.table}, as the capture names it. */
  public String qualified(String schema) {
    return schema + "." + name;
  }
}
