package lab.bench;

import java.util.List;

/**
 * What an engine read to answer a query, from its EXPLAIN ANALYZE: the tables and how, the join
 * operators it chose, and the total rows scanned.
 */
public record PlanFacts(List<TableRead> tables, List<String> joins, String error) {

  public static final PlanFacts NONE = new PlanFacts(List.of(), List.of(), null);

  public PlanFacts {
    tables = List.copyOf(tables);
    joins = List.copyOf(joins);
  }

  static PlanFacts failed(String error) {
    return new PlanFacts(List.of(), List.of(), error);
  }

  public long rowsScanned() {
    return tables.stream().mapToLong(TableRead::rowsScanned).sum();
  }

  public int columnsRead() {
    return tables.stream().mapToInt(t -> t.columnsRead().size()).sum();
  }

  public int columnsInTables() {
    return tables.stream().mapToInt(TableRead::columnsInTable).sum();
  }

  /** The distinct join operators, e.g. {@code HASH_JOIN} or {@code Hash Join, Nested Loop}. */
  public String joinStrategy() {
    List<String> distinct = joins.stream().distinct().toList();
    return distinct.isEmpty() ? "none" : String.join(", ", distinct);
  }
}
