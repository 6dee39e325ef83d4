package lab.shop.gen;

import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A generated person: name, birth date, home address and phone number. A customer who registers
 * twice is the same person twice, which is what lets the ETL match the two registrations.
 */
record Person(
    String country,
    String first,
    String last,
    LocalDate birthDate,
    String street,
    String postcode,
    String city,
    String region,
    String nationalNumber) {

  private static final LocalDate OLDEST = LocalDate.of(1940, 1, 1);

  /** Draws a person; the country is always the first draw, see {@link #country}. */
  static Person of(SplittableRandom r) {
    String country = country(r);
    Vocabulary.Place place = Vocabulary.place(country);
    int c = r.nextInt(place.cities().size());
    return new Person(
        country,
        Vocabulary.firstName(r),
        Vocabulary.lastName(r),
        OLDEST.plusDays(r.nextInt(365 * 65)),
        Vocabulary.street(r),
        postcode(r),
        place.cities().get(c),
        place.regions().get(c),
        String.format(Locale.ROOT, "%d%08d", 1 + r.nextInt(9), r.nextInt(100_000_000)));
  }

  /** The same kind of person at a new address in the given country (a move). */
  Person movedTo(String countryCode, SplittableRandom r) {
    Vocabulary.Place place = Vocabulary.place(countryCode);
    int c = r.nextInt(place.cities().size());
    return new Person(
        countryCode,
        first,
        last,
        birthDate,
        Vocabulary.street(r),
        postcode(r),
        place.cities().get(c),
        place.regions().get(c),
        nationalNumber);
  }

  /** A person's country alone, from the same stream {@link #of} would start with. */
  static String country(SplittableRandom r) {
    return Vocabulary.country(r);
  }

  static String postcode(SplittableRandom r) {
    return String.format(Locale.ROOT, "%05d", 1_000 + r.nextInt(99_000));
  }

  /**
   * The phone number in E.164 ({@code +4930123456}) or, when {@code messy} is given, in one of the
   * ways people type it: spaced, with a trunk zero, in brackets, or with a 00 prefix.
   */
  String phone(SplittableRandom messy) {
    String cc = Vocabulary.place(country).callingCode();
    String e164 = "+" + cc + nationalNumber;
    if (messy == null) {
      return e164;
    }
    String n = nationalNumber;
    return switch (messy.nextInt(5)) {
      case 0 -> e164;
      case 1 -> "+" + cc + " " + n.substring(0, 2) + " " + n.substring(2, 5) + " " + n.substring(5);
      case 2 -> "0" + n.substring(0, 2) + "-" + n.substring(2);
      case 3 -> "(0" + n.substring(0, 2) + ") " + n.substring(2, 5) + " " + n.substring(5);
      default -> "00" + cc + n;
    };
  }
}
