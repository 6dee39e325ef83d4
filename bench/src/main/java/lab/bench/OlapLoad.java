package lab.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import lab.bench.catalog.CatalogQuery;
import lab.bench.catalog.Engine;

/**
 * The analyst beside the OLTP mix in the HTAP test: runs the catalog's queries in a loop on one
 * connection until stopped or until it has run {@code limit} queries (then it idles, as an analyst
 * whose reports are done); {@link #stop} cancels the query in flight so the loop ends at once.
 */
final class OlapLoad implements Runnable {

  private final Engine engine;
  private final Connection connection;
  private final List<CatalogQuery> queries;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicReference<Statement> current = new AtomicReference<>();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicReference<String> failure = new AtomicReference<>();

  private final long limit;

  OlapLoad(Engine engine, Connection connection, List<CatalogQuery> queries, long limit) {
    this.engine = engine;
    this.connection = connection;
    this.queries = queries;
    this.limit = limit;
  }

  @Override
  public void run() {
    while (!stop.get()) {
      for (CatalogQuery q : queries) {
        if (stop.get() || completed.get() >= limit) {
          return;
        }
        try (Statement st = connection.createStatement()) {
          current.set(st);
          try (ResultSet rs = st.executeQuery(q.body(engine))) {
            while (rs.next()) {
              // read the whole answer, as a reporting tool would
            }
          }
          completed.incrementAndGet();
        } catch (SQLException e) {
          if (!stop.get()) {
            failure.compareAndSet(null, q.id() + ": " + OlapRun.firstLine(e.getMessage()));
            return;
          }
        } finally {
          current.set(null);
        }
      }
    }
  }

  void stop() {
    stop.set(true);
    Statement st = current.get();
    if (st != null) {
      try {
        st.cancel();
      } catch (SQLException ignored) {
        // The statement finished meanwhile; the loop sees the flag.
      }
    }
  }

  long completed() {
    return completed.get();
  }

  String failure() {
    return failure.get();
  }
}
