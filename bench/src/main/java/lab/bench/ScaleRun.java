package lab.bench;

import java.util.List;

/**
 * Everything measured at one scale: the shop's and the star's size, the catalog on each engine and
 * the OLTP mix on each engine.
 *
 * @param starFactRows rows of the star's fact_sales that DuckDB read, or -1 without a star
 */
public record ScaleRun(
    double scale,
    String shop,
    long shopOrderLines,
    long starFactRows,
    List<QueryMeasurement> olap,
    List<OltpMeasurement> oltp) {

  public ScaleRun {
    olap = List.copyOf(olap);
    oltp = List.copyOf(oltp);
  }
}
