package lab.bench.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The comment block at the top of a catalog query: the question it answers, its flight (an SSB
 * flight such as {@code Q2.1}, or {@code business}), what it teaches, and the rules that make the
 * two engines' forms equal.
 */
public record QueryHeader(String question, String flight, String teaches, String rules) {

  static final List<String> KEYS = List.of("question", "flight", "teaches", "rules");

  public QueryHeader {
    requireText("question", question);
    requireText("flight", flight);
    requireText("teaches", teaches);
    requireText("rules", rules);
  }

  /** True for the Star Schema Benchmark's flights (Q1.x to Q4.x), false for business queries. */
  public boolean ssb() {
    return flight.matches("Q[1-4]\\.\\d+\\b.*");
  }

  /** The SSB query number ({@code Q2.1}) or {@code business}. */
  public String flightCode() {
    int space = flight.indexOf(' ');
    return space < 0 ? flight : flight.substring(0, space);
  }

  /**
   * Reads the leading {@code -- key: text} lines of a query; a line {@code -- more} continues the
   * previous key. Every key must be there once.
   *
   * @throws IllegalArgumentException naming the missing or repeated key
   */
  public static QueryHeader parse(String sql, String where) {
    Map<String, StringBuilder> values = new LinkedHashMap<>();
    String current = null;
    for (String line : sql.split("\n", -1)) {
      String s = line.strip();
      if (!s.startsWith("--")) {
        break;
      }
      String body = s.substring(2).strip();
      int colon = body.indexOf(':');
      String key = colon > 0 ? body.substring(0, colon).strip() : "";
      if (KEYS.contains(key)) {
        if (values.containsKey(key)) {
          throw new IllegalArgumentException(where + ": header key '" + key + "' given twice");
        }
        current = key;
        values.put(key, new StringBuilder(body.substring(colon + 1).strip()));
      } else if (current != null && !body.isEmpty()) {
        values.get(current).append(' ').append(body);
      }
    }
    for (String key : KEYS) {
      if (!values.containsKey(key) || values.get(key).isEmpty()) {
        throw new IllegalArgumentException(
            where + ": the header lacks '-- " + key + ": ...' (keys: " + KEYS + ")");
      }
    }
    return new QueryHeader(
        values.get("question").toString(),
        values.get("flight").toString(),
        values.get("teaches").toString(),
        values.get("rules").toString());
  }

  private static void requireText(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
