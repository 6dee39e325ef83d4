package lab.bench.catalog;

import java.util.Locale;

/** The two engines the catalog runs on: DuckDB on the star, PostgreSQL on the normalized shop. */
public enum Engine {
  DUCKDB("duckdb"),
  POSTGRES("postgres");

  private final String label;

  Engine(String label) {
    this.label = label;
  }

  /** The name used in file paths, reports and flags. */
  public String label() {
    return label;
  }

  public static Engine of(String name) {
    for (Engine e : values()) {
      if (e.label.equals(name.toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    throw new IllegalArgumentException("engine must be duckdb or postgres, got '" + name + "'");
  }
}
