package lab.bench;

import java.sql.SQLException;
import java.util.List;

/** A table's columns in table order: from the database when measuring, from a map in tests. */
interface ColumnLookup {
  List<String> of(String table) throws SQLException;
}
