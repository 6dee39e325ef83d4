package lab.bench.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The analytic query catalog: the ids listed in {@code catalog.txt}, each with a DuckDB form on the
 * star and a PostgreSQL form on the shop, read from the classpath (the SQL lives in .sql files, not
 * in Java strings).
 */
public final class QueryCatalog {

  static final String ROOT = "/lab/bench/catalog/";

  private final List<CatalogQuery> queries;

  private QueryCatalog(List<CatalogQuery> queries) {
    this.queries = List.copyOf(queries);
  }

  /** Loads every query of the index; a missing file or header fails here, naming it. */
  public static QueryCatalog load() {
    List<CatalogQuery> queries = new ArrayList<>();
    for (String line : read(ROOT + "catalog.txt").split("\n")) {
      String id = line.strip();
      if (id.isEmpty() || id.startsWith("#")) {
        continue;
      }
      Map<Engine, CatalogQuery.Form> forms = new EnumMap<>(Engine.class);
      for (Engine e : Engine.values()) {
        String path = ROOT + e.label() + "/" + id + ".sql";
        String sql = read(path);
        forms.put(e, new CatalogQuery.Form(QueryHeader.parse(sql, path), sql));
      }
      queries.add(new CatalogQuery(id, forms));
    }
    return new QueryCatalog(queries);
  }

  public List<CatalogQuery> all() {
    return queries;
  }

  /**
   * The queries named in {@code ids}, in catalog order; all of them if {@code ids} is empty.
   *
   * @throws IllegalArgumentException naming the ids the catalog does not have
   */
  public List<CatalogQuery> only(List<String> ids) {
    if (ids == null || ids.isEmpty()) {
      return queries;
    }
    Set<String> wanted = new LinkedHashSet<>(ids);
    List<String> unknown = new ArrayList<>();
    for (String id : wanted) {
      if (queries.stream().noneMatch(q -> q.id().equals(id))) {
        unknown.add(id);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "--only: no catalog query "
              + String.join(", ", unknown)
              + " (there are "
              + String.join(", ", queries.stream().map(CatalogQuery::id).toList())
              + ")");
    }
    return queries.stream().filter(q -> wanted.contains(q.id())).toList();
  }

  private static String read(String path) {
    try (InputStream in = QueryCatalog.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing " + path + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
