package lab.warehouse.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An MD5 per warehouse table over its whole content, rows in a canonical order: two warehouses with
 * equal checksums hold the same data. Bookkeeping that legitimately differs between runs (the batch
 * ledger, Kafka offsets, when dead letters were recorded) is left out.
 */
public final class WarehouseChecksums {

  private WarehouseChecksums() {}

  /** Table name to checksum, for the change layer and the star, in name order. */
  public static Map<String, String> of(Connection warehouse) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement s = warehouse.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"
                    + " AND NOT temporary AND table_name NOT IN ('etl_batch_ledger',"
                    + " 'etl_source_offset', 'dead_letter', 'etl_repair_log', 'etl_freshness',"
                    + " 'warehouse_info')"
                    + " ORDER BY table_name")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String table : tables) {
      try (Statement s = warehouse.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT count(*) || ' rows ' || coalesce(md5(string_agg(CAST(t AS VARCHAR),"
                      + " chr(10) ORDER BY CAST(t AS VARCHAR))), '-') FROM "
                      + table
                      + " t")) {
        rs.next();
        out.put(table, rs.getString(1));
      }
    }
    return out;
  }
}
