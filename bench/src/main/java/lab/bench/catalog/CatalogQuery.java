package lab.bench.catalog;

import java.util.Map;
import java.util.Objects;

/** One analytic question written twice: on the DuckDB star and on the PostgreSQL shop. */
public record CatalogQuery(String id, Map<Engine, Form> forms) {

  /** One engine's SQL and its header. */
  public record Form(QueryHeader header, String sql) {
    public Form {
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(sql, "sql");
    }
  }

  public CatalogQuery {
    Objects.requireNonNull(id, "id");
    forms = Map.copyOf(forms);
    for (Engine e : Engine.values()) {
      if (!forms.containsKey(e)) {
        throw new IllegalArgumentException(id + ": no " + e.label() + " form");
      }
    }
  }

  public String sql(Engine engine) {
    return forms.get(engine).sql();
  }

  public QueryHeader header(Engine engine) {
    return forms.get(engine).header();
  }

  /** The question, as the star's form states it (both forms ask the same one). */
  public String question() {
    return header(Engine.DUCKDB).question();
  }

  public String flightCode() {
    return header(Engine.DUCKDB).flightCode();
  }

  public boolean ssb() {
    return header(Engine.DUCKDB).ssb();
  }

  /**
   * The SQL without its leading comments (the header and any note before the statement) and its
   * trailing semicolon, ready to prefix with EXPLAIN.
   */
  public String body(Engine engine) {
    StringBuilder b = new StringBuilder();
    boolean inHeader = true;
    for (String line : sql(engine).split("\n")) {
      if (inHeader && (line.isBlank() || line.strip().startsWith("--"))) {
        continue;
      }
      inHeader = false;
      b.append(line).append('\n');
    }
    String s = b.toString().strip();
    return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
  }
}
