package lab.warehouse.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import lab.warehouse.sql.SqlScript;

/**
 * Creates the warehouse: the conformed change layer (changes.sql) and the star (star.sql). Every
 * statement says IF NOT EXISTS, so opening an existing warehouse changes nothing; a warehouse made
 * by an older layout is refused with what to do, since it is derived data and can be rebuilt.
 */
public final class StarSchema {

  /** Bumped whenever a table changes shape; stored in warehouse_info. */
  public static final int VERSION = 3;

  private static final List<String> RESOURCES =
      List.of("/lab/warehouse/changes.sql", "/lab/warehouse/star.sql");

  private StarSchema() {}

  /** Creates every warehouse table that does not exist yet. */
  public static void create(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      checkVersion(statement);
      for (String ddl : statements()) {
        statement.execute(ddl);
      }
      statement.execute(
          "CREATE TABLE IF NOT EXISTS warehouse_info (schema_version INTEGER NOT NULL)");
      statement.execute(
          "INSERT INTO warehouse_info SELECT "
              + VERSION
              + " WHERE NOT EXISTS (SELECT 1 FROM warehouse_info)");
    }
  }

  private static void checkVersion(Statement s) throws SQLException {
    boolean hasTables;
    try (ResultSet rs =
        s.executeQuery("SELECT count(*) FROM duckdb_tables() WHERE NOT temporary")) {
      rs.next();
      hasTables = rs.getLong(1) > 0;
    }
    if (!hasTables) {
      return;
    }
    int found = 1;
    try (ResultSet rs =
        s.executeQuery(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'warehouse_info'")) {
      rs.next();
      if (rs.getLong(1) > 0) {
        try (ResultSet v = s.executeQuery("SELECT max(schema_version) FROM warehouse_info")) {
          v.next();
          found = v.getInt(1);
        }
      }
    }
    if (found != VERSION) {
      throw new SQLException(
          "this warehouse file has layout version "
              + found
              + ", this lab writes version "
              + VERSION
              + ": the warehouse is derived data, so delete the file (and the ETL checkpoint) and"
              + " rebuild it from Kafka with `lab etl --backfill`, or `lab down --purge` for a"
              + " fresh lab");
    }
  }

  static List<String> statements() {
    return RESOURCES.stream().flatMap(r -> SqlScript.resource(r).stream()).toList();
  }
}
