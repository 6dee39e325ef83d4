package lab.warehouse.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The star's build statements (star_build.sql) and the SQL macros they use. */
final class StarBuild {

  private static final String RESOURCE = "/lab/warehouse/star_build.sql";

  private static final List<String> STATEMENTS = load();

  private StarBuild() {}

  /** The statements in file order; each ends with a semicolon at the end of a line. */
  static List<String> statements() {
    return STATEMENTS;
  }

  /**
   * Surrogate keys are hashes, not sequence numbers, so they do not depend on the order rows
   * arrived in: the top 63 bits of the MD5 of a readable natural key ({@code customer|42|first}).
   * By the birthday bound a collision has odds of about 1 in 18 million among a million keys (a
   * scale-1 warehouse has fewer), 1 in 20 at a billion; the primary key would refuse one loudly
   * rather than merge two members.
   */
  static List<String> macros() {
    return List.of(
        "CREATE OR REPLACE TEMP MACRO skey(natural_key) AS CAST(md5_number(natural_key) >> 65 AS BIGINT)",
        // A geography key readable from its code: DE -> 405 (D is the 4th letter, E the 5th).
        "CREATE OR REPLACE TEMP MACRO geo_key(code) AS CASE WHEN regexp_full_match(code, '[A-Z]{2}')"
            + " THEN (ascii(code[1]) - 64) * 100 + (ascii(code[2]) - 64) ELSE 0 END",
        // A loyalty member's conformed id: negative, so it never meets a shop customer id.
        "CREATE OR REPLACE TEMP MACRO card_id(card) AS"
            + " -CAST(md5_number('card|' || card) >> 66 AS BIGINT)");
  }

  private static List<String> load() {
    try (InputStream in = StarBuild.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + RESOURCE + " on the classpath");
      }
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Arrays.stream(sql.split(";\\s*\\n"))
          .map(s -> s.replaceAll("(?m)^\\s*--.*$", "").strip())
          .filter(s -> !s.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
