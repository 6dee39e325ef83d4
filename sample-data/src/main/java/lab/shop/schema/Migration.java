package lab.shop.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One versioned SQL script, named {@code V<n>__<description>.sql}, with its checksum. */
record Migration(int version, String description, String fileName, String sql, String checksum) {

  private static final Pattern FILE_NAME =
      Pattern.compile("V([1-9][0-9]{0,8})__([A-Za-z0-9_]+)\\.sql");

  Migration {
    if (version < 1) {
      throw new IllegalArgumentException("migration version must be >= 1, got " + version);
    }
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(checksum, "checksum");
  }

  /** Parses the file name and checksums the exact bytes, so any edit to the file is noticed. */
  static Migration of(String fileName, byte[] content) {
    Matcher m = FILE_NAME.matcher(fileName);
    if (!m.matches()) {
      throw new IllegalStateException(
          "migration file name '"
              + fileName
              + "' does not match V<n>__<description>.sql (for example V2__add_reviews.sql)");
    }
    // Flyway's convention, so the history reads like prose: V1__create_shop -> "create shop".
    String description = m.group(2).replace('_', ' ').trim();
    return new Migration(
        Integer.parseInt(m.group(1)),
        description,
        fileName,
        new String(content, StandardCharsets.UTF_8),
        sha256(content));
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }
}
