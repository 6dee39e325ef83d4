package lab.shop.contract;

import java.util.Set;

/** A column type of the shop, with the PostgreSQL types that implement it. */
public enum SourceType {
  TEXT(Set.of("text", "character varying", "character")),
  SMALLINT(Set.of("smallint")),
  INTEGER(Set.of("integer")),
  BIGINT(Set.of("bigint")),
  /** Money: NUMERIC(12,2), exact. */
  MONEY(Set.of("numeric")),
  DATE(Set.of("date")),
  TIMESTAMPTZ(Set.of("timestamp with time zone"));

  private final Set<String> postgres;

  SourceType(Set<String> postgres) {
    this.postgres = postgres;
  }

  /** True if a column PostgreSQL describes with this {@code information_schema} type fits. */
  public boolean isPostgres(String informationSchemaType) {
    return postgres.contains(informationSchemaType);
  }
}
