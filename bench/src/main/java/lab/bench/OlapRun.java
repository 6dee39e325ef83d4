package lab.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import lab.bench.catalog.CatalogQuery;
import lab.bench.catalog.Engine;
import lab.bench.catalog.ResultRows;

/**
 * Runs catalog queries on one engine's connection: warm-up runs, then timed repeats, then one run
 * under EXPLAIN ANALYZE for what the engine read. A query that fails is recorded with its message
 * and the others go on.
 */
public final class OlapRun {

  private final Engine engine;
  private final Connection connection;
  private final int warmup;
  private final int repeats;
  private final OptionalLong postmaster;

  public OlapRun(Engine engine, Connection connection, int warmup, int repeats) {
    this.engine = engine;
    this.connection = connection;
    this.warmup = warmup;
    this.repeats = repeats;
    this.postmaster =
        engine == Engine.POSTGRES ? Cpu.postmasterOf(connection) : OptionalLong.empty();
  }

  /** Every query in order; progress gets one line per query. */
  public List<QueryMeasurement> runAll(
      List<CatalogQuery> queries, double scale, Consumer<String> progress) {
    List<QueryMeasurement> out = new ArrayList<>();
    for (CatalogQuery q : queries) {
      progress.accept(engine.label() + " " + q.id() + " (" + q.flightCode() + ")");
      out.add(run(q, scale));
    }
    return out;
  }

  public QueryMeasurement run(CatalogQuery q, double scale) {
    String sql = q.body(engine);
    try {
      ResultRows result = null;
      for (int i = 0; i < warmup; i++) {
        result = ResultRows.of(connection, sql);
      }
      List<Double> millis = new ArrayList<>();
      double jvm0 = Cpu.jvmSeconds();
      double server0 = Cpu.serverSeconds(postmaster).orElse(Double.NaN);
      for (int i = 0; i < repeats; i++) {
        long t0 = System.nanoTime();
        result = ResultRows.of(connection, sql);
        millis.add((System.nanoTime() - t0) / 1e6);
      }
      double jvm = Cpu.jvmSeconds() - jvm0;
      double server = Cpu.serverSeconds(postmaster).orElse(Double.NaN) - server0;
      PlanFacts plan = explain(sql);
      return new QueryMeasurement(
          q.id(),
          q.flightCode(),
          engine.label(),
          scale,
          millis,
          jvm,
          server,
          result.size(),
          result.checksum(),
          plan,
          null);
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      return QueryMeasurement.failed(
          q.id(), q.flightCode(), engine.label(), scale, firstLine(e.getMessage()));
    }
  }

  private PlanFacts explain(String sql) {
    try {
      return engine == Engine.POSTGRES
          ? PostgresPlan.explain(connection, sql)
          : DuckDbPlan.explain(connection, sql);
    } catch (SQLException | RuntimeException e) {
      rollbackQuietly();
      return PlanFacts.failed(firstLine(e.getMessage()));
    }
  }

  private void rollbackQuietly() {
    try {
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException ignored) {
      // The next statement reports a broken connection itself.
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
