package lab.warehouse.sink;

import java.util.Objects;

/**
 * One conformed change of a shop row, as the ETL delivers it: the table, the source position and
 * commit time of the change, whether it deletes the row, and the row image as JSON (the shop's
 * columns plus the standardized ones, named as in the warehouse's {@code cur_<table>}).
 */
public record ChangeRow(String table, long lsn, long sourceTsMs, boolean deleted, String image) {

  public ChangeRow {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(image, "image");
  }
}
