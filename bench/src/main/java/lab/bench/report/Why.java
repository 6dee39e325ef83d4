package lab.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import lab.bench.BenchResults;
import lab.bench.HtapCase;
import lab.bench.PlanFacts;
import lab.bench.QueryMeasurement;
import lab.bench.ScaleRun;
import lab.bench.TableRead;

/**
 * The report's plain-language explanations, each built only from measured facts: what each engine
 * read for a query, how much faster one was, how the cost grew with scale, and what the analyst did
 * to the OLTP mix.
 */
final class Why {

  private Why() {}

  static List<String> sentences(BenchResults r) {
    List<String> out = new ArrayList<>();
    ScaleRun last = r.last();
    for (String id : r.queryIds()) {
      Optional<QueryMeasurement> pg = find(last, id, "postgres");
      Optional<QueryMeasurement> duck = find(last, id, "duckdb");
      if (pg.isPresent() && duck.isPresent() && pg.get().ok() && duck.get().ok()) {
        out.add(compare(id, pg.get(), duck.get()));
      } else if (pg.isPresent() && pg.get().ok()) {
        out.add(id + ": PostgreSQL " + reads(pg.get().plan()) + ".");
      }
    }
    growth(r).ifPresent(out::add);
    htap(r).ifPresent(out::add);
    return out;
  }

  private static String compare(String id, QueryMeasurement pg, QueryMeasurement duck) {
    double ratio = pg.medianMillis() / Math.max(duck.medianMillis(), 1e-6);
    String faster =
        ratio >= 1
            ? String.format(Locale.US, "DuckDB was %.1f× faster", ratio)
            : String.format(Locale.US, "PostgreSQL was %.1f× faster", 1 / ratio);
    return String.format(
        Locale.US,
        "%s: DuckDB %s; PostgreSQL %s. %s (median %s ms vs %s ms)%s.",
        id,
        reads(duck.plan()),
        reads(pg.plan()),
        faster,
        Report.ms(duck.medianMillis()),
        Report.ms(pg.medianMillis()),
        duck.checksum().equals(pg.checksum())
            ? ", with the same answer (equal checksums)"
            : ", but the answers differ (different checksums): the query counts conformed"
                + " persons and the shop has people registered twice (the realistic profile's"
                + " duplicates; its rules say so), or the star was not built from this shop, or"
                + " the two forms disagree, which CatalogEqualityIT checks");
  }

  /** "read 4 of 18 columns of fact_sales (120,000 rows) with HASH_JOIN". */
  static String reads(PlanFacts plan) {
    if (plan.error() != null) {
      return "could not be explained (" + plan.error() + ")";
    }
    if (plan.tables().isEmpty()) {
      return "read no table rows (its planner proved the answer empty from table statistics)";
    }
    TableRead biggest =
        plan.tables().stream()
            .max(java.util.Comparator.comparingLong(TableRead::rowsScanned))
            .orElseThrow();
    boolean rowStore = biggest.columnsRead().size() == biggest.columnsInTable();
    String cols =
        rowStore
            ? "every column (" + biggest.columnsInTable() + ")"
            : biggest.columnsRead().size() + " of " + biggest.columnsInTable() + " columns";
    return String.format(
        Locale.US,
        "read %s of %s (%s rows)%s, %s rows scanned in %s, joins: %s",
        cols,
        biggest.table(),
        Report.count(biggest.rowsScanned()),
        rowStore ? " because a row store reads whole rows" : "",
        Report.count(plan.rowsScanned()),
        plan.tables().size() == 1 ? "1 table scan" : plan.tables().size() + " table scans in all",
        plan.joinStrategy());
  }

  private static Optional<String> growth(BenchResults r) {
    if (r.scales().size() < 2) {
      return Optional.empty();
    }
    ScaleRun first = r.scales().get(0);
    ScaleRun last = r.last();
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.US,
                "From scale %s to %s (%s× the data): ",
                Report.fmtScale(first.scale()),
                Report.fmtScale(last.scale()),
                Report.fmtRatio(last.scale() / first.scale())));
    List<String> parts = new ArrayList<>();
    for (String engine : List.of("postgres", "duckdb")) {
      double a = total(first, engine);
      double z = total(last, engine);
      if (a > 0 && z > 0) {
        parts.add(
            String.format(
                Locale.US,
                "the catalog's summed median on %s went from %s ms to %s ms (%s×)",
                engine,
                Report.ms(a),
                Report.ms(z),
                Report.fmtRatio(z / a)));
      }
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(b.append(String.join("; ", parts)).append('.').toString());
  }

  private static Optional<String> htap(BenchResults r) {
    List<HtapCase> ran = r.htap().stream().filter(HtapCase::ran).toList();
    if (ran.size() < 2 || !ran.get(0).olapEngine().equals("none")) {
      return Optional.empty();
    }
    HtapCase alone = ran.get(0);
    List<String> parts = new ArrayList<>();
    for (HtapCase c : ran.subList(1, ran.size())) {
      parts.add(
          String.format(
              Locale.US,
              "%s (%d catalog queries ran meanwhile): p99 %s ms (%+.0f %%), %s tx/s (%+.0f %%)",
              c.label(),
              c.olapQueries(),
              Report.ms(c.oltp().p99Millis()),
              pct(c.oltp().p99Millis(), alone.oltp().p99Millis()),
              Report.ms(c.oltp().tps()),
              pct(c.oltp().tps(), alone.oltp().tps())));
    }
    return Optional.of(
        String.format(
            Locale.US,
            "HTAP: the OLTP mix alone on PostgreSQL had p99 %s ms at %s tx/s; %s.",
            Report.ms(alone.oltp().p99Millis()),
            Report.ms(alone.oltp().tps()),
            String.join("; ", parts)));
  }

  private static double pct(double now, double before) {
    return before == 0 ? 0 : (now - before) / before * 100;
  }

  static double total(ScaleRun s, String engine) {
    return s.olap().stream()
        .filter(m -> m.ok() && m.engine().equals(engine))
        .mapToDouble(QueryMeasurement::medianMillis)
        .sum();
  }

  static Optional<QueryMeasurement> find(ScaleRun s, String id, String engine) {
    return s.olap().stream()
        .filter(m -> m.queryId().equals(id) && m.engine().equals(engine))
        .findFirst();
  }
}
