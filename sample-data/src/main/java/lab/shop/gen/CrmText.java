package lab.shop.gen;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How the CRM system writes dates and times into its export: ISO-8601 in UTC when tidy; otherwise
 * in the offset of whichever office keyed the record, and dates in local formats.
 */
final class CrmText {

  private static final List<ZoneOffset> OFFSETS =
      List.of(
          ZoneOffset.UTC,
          ZoneOffset.ofHours(1),
          ZoneOffset.ofHours(2),
          ZoneOffset.ofHours(-5),
          ZoneOffset.ofHoursMinutes(5, 30));

  private static final DateTimeFormatter ISO_SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
  private static final DateTimeFormatter SPACED =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssxx");
  private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu");
  private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/uuuu");

  private CrmText() {}

  /** The instant, in UTC ISO-8601 when messy is null, else at a random office's offset. */
  static String timestamp(OffsetDateTime t, SplittableRandom messy) {
    if (messy == null) {
      return ISO_SECONDS.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }
    OffsetDateTime local = t.withOffsetSameInstant(OFFSETS.get(messy.nextInt(OFFSETS.size())));
    return messy.nextBoolean() ? ISO_SECONDS.format(local) : SPACED.format(local);
  }

  /** The date as ISO-8601 when messy is null, else sometimes as dd.MM.yyyy or MM/dd/yyyy. */
  static String date(LocalDate d, SplittableRandom messy) {
    if (messy == null) {
      return d.toString();
    }
    return switch (messy.nextInt(3)) {
      case 0 -> d.toString();
      case 1 -> GERMAN_DATE.format(d);
      default -> US_DATE.format(d);
    };
  }
}
