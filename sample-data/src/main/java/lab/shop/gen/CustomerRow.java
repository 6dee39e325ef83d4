package lab.shop.gen;

import java.time.OffsetDateTime;
import java.util.Objects;

/** A row of {@code customers} as the generator makes it; {@code updated_at} equals createdAt. */
public record CustomerRow(
    long customerId, String email, String fullName, String country, OffsetDateTime createdAt) {

  public CustomerRow {
    RowChecks.positive("customerId", customerId);
    RowChecks.notBlank("email", email);
    RowChecks.notBlank("fullName", fullName);
    Objects.requireNonNull(country, "country");
    if (!isAlpha2(country)) {
      throw new IllegalArgumentException(
          "country must be an ISO 3166-1 alpha-2 code, got '" + country + "'");
    }
    Objects.requireNonNull(createdAt, "createdAt");
  }

  // By hand rather than a regex: this runs for every one of up to ten million generated rows.
  private static boolean isAlpha2(String code) {
    return code.length() == 2 && isUpperAscii(code.charAt(0)) && isUpperAscii(code.charAt(1));
  }

  private static boolean isUpperAscii(char ch) {
    return ch >= 'A' && ch <= 'Z';
  }
}
