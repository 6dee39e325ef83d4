package lab.shop.gen;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A row of {@code customers} as the generator makes it. phone and birthDate may be null; an erased
 * customer has erasedAt set and only anonymous values left.
 */
public record CustomerRow(
    long customerId,
    String email,
    String fullName,
    String country,
    String phone,
    LocalDate birthDate,
    String segment,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    OffsetDateTime erasedAt) {

  public CustomerRow {
    RowChecks.positive("customerId", customerId);
    RowChecks.notBlank("email", email);
    RowChecks.notBlank("fullName", fullName);
    Objects.requireNonNull(country, "country");
    if (!isAlpha2(country)) {
      throw new IllegalArgumentException(
          "country must be an ISO 3166-1 alpha-2 code, got '" + country + "'");
    }
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public boolean erased() {
    return erasedAt != null;
  }

  // By hand rather than a regex: this runs for every one of up to ten million generated rows.
  private static boolean isAlpha2(String code) {
    return code.length() == 2 && isUpperAscii(code.charAt(0)) && isUpperAscii(code.charAt(1));
  }

  private static boolean isUpperAscii(char ch) {
    return ch >= 'A' && ch <= 'Z';
  }
}
