package lab.shop.gen;

import java.util.List;
import java.util.SplittableRandom;

/** The fixed word lists that names, countries and products are drawn from. */
final class Vocabulary {

  /** ISO 3166-1 alpha-2 codes, the shop's markets. */
  static final List<String> COUNTRIES =
      List.of("US", "GB", "DE", "FR", "NL", "ES", "IT", "SE", "PL", "BR", "CA", "JP", "IN", "AU");

  private static final List<String> FIRST_NAMES =
      List.of(
          "Ada", "Ben", "Chloe", "Diego", "Elif", "Femi", "Grace", "Hiro", "Ines", "Jonas", "Kavya",
          "Liam", "Maya", "Noah", "Olga", "Priya", "Quentin", "Rosa", "Sven", "Tara", "Umar",
          "Vera", "Wei", "Yusuf", "Zoe");

  private static final List<String> LAST_NAMES =
      List.of(
          "Alvarez",
          "Becker",
          "Chen",
          "Dubois",
          "Eriksson",
          "Fischer",
          "Garcia",
          "Haddad",
          "Ivanova",
          "Jensen",
          "Kowalski",
          "Lopez",
          "Moreau",
          "Nakamura",
          "Okafor",
          "Patel",
          "Rossi",
          "Silva",
          "Tanaka",
          "Novak",
          "Smith",
          "Van Dijk",
          "Weber",
          "Yilmaz");

  private static final List<String> ADJECTIVES =
      List.of(
          "Classic",
          "Compact",
          "Deluxe",
          "Eco",
          "Everyday",
          "Pro",
          "Rugged",
          "Slim",
          "Smart",
          "Travel",
          "Vintage",
          "Wireless");

  private static final List<Category> CATEGORIES =
      List.of(
          new Category("books", List.of("Cookbook", "Atlas", "Novel", "Field Guide")),
          new Category("electronics", List.of("Headphones", "Charger", "Speaker", "Keyboard")),
          new Category("garden", List.of("Trowel", "Hose", "Planter", "Pruner")),
          new Category("home", List.of("Lamp", "Kettle", "Blanket", "Clock")),
          new Category("kitchen", List.of("Knife", "Pan", "Grinder", "Scale")),
          new Category("outdoor", List.of("Tent", "Backpack", "Flask", "Headlamp")),
          new Category("sports", List.of("Yoga Mat", "Ball", "Racket", "Jump Rope")),
          new Category("toys", List.of("Puzzle", "Robot", "Kite", "Building Set")));

  private Vocabulary() {}

  static String firstName(SplittableRandom r) {
    return pick(FIRST_NAMES, r);
  }

  static String lastName(SplittableRandom r) {
    return pick(LAST_NAMES, r);
  }

  static String country(SplittableRandom r) {
    return pick(COUNTRIES, r);
  }

  static Category category(SplittableRandom r) {
    return pick(CATEGORIES, r);
  }

  private static <T> T pick(List<T> list, SplittableRandom r) {
    return list.get(r.nextInt(list.size()));
  }

  /** A product category and the kinds of thing sold in it. */
  record Category(String name, List<String> nouns) {

    String productName(SplittableRandom r) {
      return pick(ADJECTIVES, r) + " " + pick(nouns, r);
    }
  }
}
