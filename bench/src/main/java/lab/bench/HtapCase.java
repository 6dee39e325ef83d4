package lab.bench;

import java.util.Objects;

/**
 * One case of the HTAP interference test: the OLTP mix on PostgreSQL, with the OLAP catalog running
 * in a loop beside it on {@code olapEngine} (or nothing, for the baseline).
 *
 * @param olapQueries catalog queries the loop completed while the OLTP mix ran
 * @param note why the case did not run, or null
 */
public record HtapCase(
    String label, String olapEngine, OltpMeasurement oltp, long olapQueries, String note) {

  public HtapCase {
    Objects.requireNonNull(label, "label");
  }

  public boolean ran() {
    return oltp != null && oltp.ok();
  }
}
