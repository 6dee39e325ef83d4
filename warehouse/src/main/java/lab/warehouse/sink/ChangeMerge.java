package lab.warehouse.sink;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies staged changes to the conformed change layer ({@code cur_<table>} and {@code
 * hist_<table>}), with SQL generated from the warehouse's own DDL so that changes.sql stays the one
 * place that names the columns.
 *
 * <p>The deduplication rule lives here: a change is identified by its table, row key and source
 * position (LSN). Within a batch only the latest change per key is applied; against the warehouse,
 * a change replaces a row only if its LSN is higher. A re-delivered change, a snapshot read that
 * overlaps the stream, or a change that arrives after a newer one therefore changes nothing. The
 * state this needs is the change layer itself (one LSN per row): exact, with no time window, and
 * bounded by the number of shop rows, not by the number of events.
 */
final class ChangeMerge {

  private static final Set<String> BOOKKEEPING = Set.of("source_lsn", "source_ts", "is_deleted");

  /** A table of the change layer: which shop table feeds it, its key and data columns. */
  record Target(
      String name, String source, boolean history, List<String> key, Map<String, String> columns) {

    /** json_transform structure for the data columns: {"col": "TYPE", ...}. */
    String structure(List<String> names) {
      return names.stream()
          .map(c -> "\"" + c + "\":\"" + columns.get(c) + "\"")
          .collect(Collectors.joining(",", "{", "}"));
    }

    String rows(List<String> names) {
      return "SELECT unnest(json_transform(image, '"
          + structure(names)
          + "')), lsn AS source_lsn, make_timestamptz(source_ts_ms * 1000) AS source_ts,"
          + " is_deleted FROM stage_change WHERE tbl = '"
          + source
          + "'";
    }
  }

  private final List<Target> targets;

  private ChangeMerge(List<Target> targets) {
    this.targets = List.copyOf(targets);
  }

  /** Reads the change layer's tables, keys and column types from the warehouse catalog. */
  static ChangeMerge fromCatalog(Connection c) throws SQLException {
    Map<String, Map<String, String>> columns = new LinkedHashMap<>();
    Map<String, List<String>> keys = new LinkedHashMap<>();
    try (Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT table_name, column_name, data_type FROM duckdb_columns()"
                  + " WHERE schema_name = 'main' AND (table_name LIKE 'cur\\_%' ESCAPE '\\'"
                  + " OR table_name LIKE 'hist\\_%' ESCAPE '\\') ORDER BY table_name, column_index")) {
        while (rs.next()) {
          columns
              .computeIfAbsent(rs.getString(1), t -> new LinkedHashMap<>())
              .put(rs.getString(2), rs.getString(3));
        }
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT table_name, constraint_column_names FROM duckdb_constraints()"
                  + " WHERE constraint_type = 'PRIMARY KEY' AND schema_name = 'main'")) {
        while (rs.next()) {
          List<String> key = new ArrayList<>();
          for (Object o : (Object[]) rs.getArray(2).getArray()) {
            key.add((String) o);
          }
          keys.put(rs.getString(1), key);
        }
      }
    }
    List<Target> targets = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> t : columns.entrySet()) {
      String name = t.getKey();
      boolean history = name.startsWith("hist_");
      List<String> key = keys.get(name);
      if (key == null) {
        throw new SQLException(name + " has no primary key; the merge needs one");
      }
      targets.add(
          new Target(
              name,
              name.substring(history ? 5 : 4),
              history,
              key,
              // in the table's column order: the SQL written out reads as the DDL does
              Collections.unmodifiableMap(new LinkedHashMap<>(t.getValue()))));
    }
    return new ChangeMerge(targets);
  }

  /** The shop tables this warehouse can take changes of. */
  Set<String> sources() {
    return targets.stream().map(Target::source).collect(Collectors.toSet());
  }

  /**
   * Staged changes of the given shop tables no newer than the row they would replace; counted
   * before the merge.
   */
  String staleCount(Set<String> staged) {
    List<String> counts =
        targets.stream()
            .filter(t -> !t.history() && staged.contains(t.source()))
            .map(
                t ->
                    "SELECT count(*) AS n FROM (SELECT DISTINCT * FROM ("
                        + t.rows(t.key())
                        + ")) s JOIN "
                        + t.name()
                        + " w USING ("
                        + String.join(", ", t.key())
                        + ") WHERE s.source_lsn <= w.source_lsn")
            .toList();
    return counts.isEmpty()
        ? "SELECT 0"
        : "SELECT coalesce(sum(n), 0) FROM (" + String.join(" UNION ALL ", counts) + ")";
  }

  /**
   * The statements that apply a batch with changes of the given shop tables, table by table, and
   * deletes of those in {@code deleted}. A table without changes in the batch gets none, and one
   * without deletes no delete statement: each statement costs 5-20 ms even with nothing to do
   * (planning alone is a third of a small batch's statement time), a live batch touches about two
   * thirds of the shop's tables, and deletes reach only a few of them. The tables in {@code
   * replaced} get only their history here: their current rows are merged by SQL of someone else's
   * over {@link #stageView} (a student's, in the course).
   */
  List<String> statements(Set<String> staged, Set<String> deleted, Set<String> replaced) {
    List<String> out = new ArrayList<>();
    for (Target t : targets) {
      if (!staged.contains(t.source())) {
        continue;
      }
      if (t.history()) {
        out.add(history(t));
      } else if (!replaced.contains(t.source())) {
        out.add(upserts(t, "(" + t.rows(dataColumns(t)) + ")"));
        if (deleted.contains(t.source())) {
          out.add(deletes(t, "(" + t.rows(t.key()) + ")"));
        }
      }
    }
    return out;
  }

  /** The name of the view a replaced merge of {@code source} reads its batch's rows from. */
  static String stageViewName(String source) {
    return "stage_" + source;
  }

  /**
   * The view of the batch's changes of one shop table, typed as its {@code cur_} table: its data
   * columns, {@code source_lsn}, {@code source_ts} and {@code is_deleted}, every change as it came
   * (duplicates and all), for a merge written in SQL.
   */
  String stageView(String source) {
    Target t = current(source);
    return "CREATE OR REPLACE TEMP VIEW " + stageViewName(source) + " AS " + t.rows(dataColumns(t));
  }

  /**
   * The merge of one shop table's changes into its {@code cur_} table, as the statements this class
   * runs but reading {@link #stageView}: what a merge written in SQL has to do, and the course's
   * reference for it.
   */
  String sql(String source) {
    Target t = current(source);
    String view = stageViewName(source);
    return upserts(t, view)
        + ";\n\n"
        + deletes(
            t,
            "(SELECT "
                + String.join(", ", t.key())
                + ", source_lsn, source_ts, is_deleted FROM "
                + view
                + ")")
        + ";\n";
  }

  private Target current(String source) {
    return targets.stream()
        .filter(t -> !t.history() && t.source().equals(source))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the change layer has no table cur_"
                        + source
                        + "; its tables are of: "
                        + targets.stream()
                            .filter(t -> !t.history())
                            .map(Target::source)
                            .sorted()
                            .collect(Collectors.joining(", "))));
  }

  /**
   * cur_*, first the data: each key's latest insert, update or snapshot read in the batch ({@code
   * rows}, a relation of the table's typed changes) replaces the row if it comes from a later
   * source position.
   */
  private static String upserts(Target t, String rows) {
    List<String> data = dataColumns(t);
    String keys = String.join(", ", t.key());
    String set =
        data.stream()
            .filter(c -> !t.key().contains(c))
            .map(c -> c + " = excluded." + c)
            .collect(Collectors.joining(",\n    "));
    return "INSERT INTO "
        + t.name()
        + " BY NAME\nSELECT * FROM "
        + rows
        + "\nWHERE NOT is_deleted\nQUALIFY row_number() OVER (PARTITION BY "
        + keys
        + " ORDER BY source_lsn DESC) = 1\nON CONFLICT ("
        + keys
        + ") DO UPDATE SET\n    "
        + (set.isEmpty() ? "" : set + ",\n    ")
        + "source_lsn = excluded.source_lsn, source_ts = excluded.source_ts, is_deleted = false"
        + "\nWHERE excluded.source_lsn > "
        + t.name()
        + ".source_lsn";
  }

  /**
   * cur_*, then the deletes: a key whose latest change in the batch ({@code rows}: the key,
   * source_lsn, source_ts and is_deleted of each change) is a delete becomes a tombstone. A delete
   * carries only the key, so the tombstone keeps the row's last attributes, whether they arrived in
   * an earlier batch or in this one (which is why data and deletes are two statements: the result
   * must not depend on where the batches were cut).
   */
  private static String deletes(Target t, String rows) {
    String keys = String.join(", ", t.key());
    return "INSERT INTO "
        + t.name()
        + " BY NAME\nSELECT * FROM (\n    SELECT * FROM "
        + rows
        + "\n    QUALIFY row_number() OVER (PARTITION BY "
        + keys
        + " ORDER BY source_lsn DESC, is_deleted DESC) = 1)\nWHERE is_deleted\nON CONFLICT ("
        + keys
        + ") DO UPDATE SET\n    source_lsn = excluded.source_lsn, source_ts = excluded.source_ts,"
        + " is_deleted = true\nWHERE excluded.source_lsn > "
        + t.name()
        + ".source_lsn";
  }

  /** hist_*: every change, once. */
  private static String history(Target t) {
    List<String> data = dataColumns(t);
    return "INSERT INTO "
        + t.name()
        + " BY NAME SELECT * FROM ("
        + t.rows(data)
        + ") QUALIFY row_number() OVER (PARTITION BY "
        + String.join(", ", t.key())
        + " ORDER BY is_deleted DESC) = 1 ON CONFLICT DO NOTHING";
  }

  private static List<String> dataColumns(Target t) {
    return t.columns().keySet().stream().filter(c -> !BOOKKEEPING.contains(c)).toList();
  }
}
