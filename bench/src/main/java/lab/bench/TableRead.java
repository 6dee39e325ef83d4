package lab.bench;

import java.util.List;

/**
 * How an engine read one table in one query: the access method, the rows it looked at, and the
 * columns it had to read out of how many the table has.
 *
 * @param columnsRead the columns the engine read; a row store reads every column of each row it
 *     visits, so on PostgreSQL this is the whole table's list
 * @param columnsUsed the columns the query needed from the table
 */
public record TableRead(
    String table,
    String access,
    long rowsScanned,
    List<String> columnsRead,
    List<String> columnsUsed,
    int columnsInTable) {

  public TableRead {
    columnsRead = List.copyOf(columnsRead);
    columnsUsed = List.copyOf(columnsUsed);
  }
}
