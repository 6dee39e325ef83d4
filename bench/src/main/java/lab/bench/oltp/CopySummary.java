package lab.bench.oltp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What the DuckDB copy holds: rows per table, in copy order, and how long copying took. */
public record CopySummary(Path file, Map<String, Long> rowsPerTable, Duration took) {

  public CopySummary {
    Objects.requireNonNull(file, "file");
    rowsPerTable = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rowsPerTable));
    Objects.requireNonNull(took, "took");
  }

  public long totalRows() {
    return rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
  }
}
