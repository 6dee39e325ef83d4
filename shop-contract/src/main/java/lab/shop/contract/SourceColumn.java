package lab.shop.contract;

import java.util.Objects;

/** A column of a shop table; {@code optional} columns may be NULL, the others never are. */
public record SourceColumn(String name, SourceType type, boolean optional) {

  public SourceColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
