package lab.shop.gen;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The fixed word lists and reference facts that names, places and products are drawn from. */
final class Vocabulary {

  /** ISO 3166-1 alpha-2 codes, the shop's markets. */
  static final List<String> COUNTRIES =
      List.of("US", "GB", "DE", "FR", "NL", "ES", "IT", "SE", "PL", "BR", "CA", "JP", "IN", "AU");

  /** Where the shop has physical stores. */
  static final List<String> STORE_COUNTRIES =
      List.of("DE", "FR", "NL", "ES", "IT", "GB", "SE", "PL", "US");

  private static final Map<String, Place> PLACES =
      Map.ofEntries(
          Map.entry(
              "US",
              new Place(
                  "United States",
                  "1",
                  "USD",
                  List.of("New York", "Chicago", "Austin"),
                  List.of("NY", "IL", "TX"))),
          Map.entry(
              "GB",
              new Place(
                  "United Kingdom",
                  "44",
                  "GBP",
                  List.of("London", "Leeds", "Bristol"),
                  List.of("England", "England", "England"))),
          Map.entry(
              "DE",
              new Place(
                  "Germany",
                  "49",
                  "EUR",
                  List.of("Berlin", "Hamburg", "Munich"),
                  List.of("Berlin", "Hamburg", "Bavaria"))),
          Map.entry(
              "FR",
              new Place(
                  "France",
                  "33",
                  "EUR",
                  List.of("Paris", "Lyon", "Lille"),
                  List.of("Ile-de-France", "Auvergne-Rhone-Alpes", "Hauts-de-France"))),
          Map.entry(
              "NL",
              new Place(
                  "Netherlands",
                  "31",
                  "EUR",
                  List.of("Amsterdam", "Utrecht", "Rotterdam"),
                  List.of("North Holland", "Utrecht", "South Holland"))),
          Map.entry(
              "ES",
              new Place(
                  "Spain",
                  "34",
                  "EUR",
                  List.of("Madrid", "Valencia", "Seville"),
                  List.of("Madrid", "Valencia", "Andalusia"))),
          Map.entry(
              "IT",
              new Place(
                  "Italy",
                  "39",
                  "EUR",
                  List.of("Milan", "Rome", "Turin"),
                  List.of("Lombardy", "Lazio", "Piedmont"))),
          Map.entry(
              "SE",
              new Place(
                  "Sweden",
                  "46",
                  "SEK",
                  List.of("Stockholm", "Gothenburg", "Malmo"),
                  List.of("Stockholm", "Vastra Gotaland", "Skane"))),
          Map.entry(
              "PL",
              new Place(
                  "Poland",
                  "48",
                  "PLN",
                  List.of("Warsaw", "Krakow", "Gdansk"),
                  List.of("Masovia", "Lesser Poland", "Pomerania"))),
          Map.entry(
              "BR",
              new Place(
                  "Brazil",
                  "55",
                  "USD",
                  List.of("Sao Paulo", "Recife", "Curitiba"),
                  List.of("SP", "PE", "PR"))),
          Map.entry(
              "CA",
              new Place(
                  "Canada",
                  "1",
                  "USD",
                  List.of("Toronto", "Montreal", "Calgary"),
                  List.of("ON", "QC", "AB"))),
          Map.entry(
              "JP",
              new Place(
                  "Japan",
                  "81",
                  "USD",
                  List.of("Tokyo", "Osaka", "Sapporo"),
                  List.of("Tokyo", "Osaka", "Hokkaido"))),
          Map.entry(
              "IN",
              new Place(
                  "India",
                  "91",
                  "USD",
                  List.of("Mumbai", "Pune", "Chennai"),
                  List.of("Maharashtra", "Maharashtra", "Tamil Nadu"))),
          Map.entry(
              "AU",
              new Place(
                  "Australia",
                  "61",
                  "USD",
                  List.of("Sydney", "Perth", "Hobart"),
                  List.of("NSW", "WA", "TAS"))));

  /**
   * List prices are kept in euros; an order in another currency is priced at these fixed list
   * rates. They are not FX rates: converting amounts for reporting is the ETL's job, from its own
   * rate file.
   */
  static final Map<String, BigDecimal> LIST_RATES =
      Map.of(
          "EUR", BigDecimal.ONE,
          "USD", new BigDecimal("1.10"),
          "GBP", new BigDecimal("0.85"),
          "SEK", new BigDecimal("11.50"),
          "PLN", new BigDecimal("4.30"),
          "CHF", new BigDecimal("0.95"));

  static final List<String> CARRIERS = List.of("DHL", "UPS", "DPD", "GLS", "PostNL");

  static final List<String> SUPPLIER_REGIONS = List.of("EU-West", "EU-North", "Asia", "Americas");

  private static final Map<String, String> SUPPLIER_COUNTRY =
      Map.of("EU-West", "NL", "EU-North", "SE", "Asia", "JP", "Americas", "US");

  private static final List<String> SUPPLIER_WORDS =
      List.of(
          "Northwind",
          "Acme",
          "Globex",
          "Initech",
          "Umbrella",
          "Stark",
          "Wayne",
          "Hooli",
          "Vandelay",
          "Soylent",
          "Tyrell",
          "Cyberdyne");

  private static final List<String> STREETS =
      List.of("Main", "Station", "Park", "Church", "Mill", "Market", "Harbour", "Linden", "Oak");

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

  /**
   * The catalogue: top-level categories (ids 1..8) with their sub-categories (id = top * 100 +
   * 1..4), each selling one kind of thing. V1's products.category holds the top-level name.
   */
  static final List<Category> CATEGORIES =
      List.of(
          new Category(
              1,
              "books",
              List.of(
                  new Sub("Cookbooks", "Cookbook"),
                  new Sub("Maps & Atlases", "Atlas"),
                  new Sub("Fiction", "Novel"),
                  new Sub("Nature Guides", "Field Guide"))),
          new Category(
              2,
              "electronics",
              List.of(
                  new Sub("Audio", "Headphones"),
                  new Sub("Power", "Charger"),
                  new Sub("Speakers", "Speaker"),
                  new Sub("Input Devices", "Keyboard"))),
          new Category(
              3,
              "garden",
              List.of(
                  new Sub("Hand Tools", "Trowel"),
                  new Sub("Watering", "Hose"),
                  new Sub("Pots & Planters", "Planter"),
                  new Sub("Cutting Tools", "Pruner"))),
          new Category(
              4,
              "home",
              List.of(
                  new Sub("Lighting", "Lamp"),
                  new Sub("Small Appliances", "Kettle"),
                  new Sub("Textiles", "Blanket"),
                  new Sub("Decor", "Clock"))),
          new Category(
              5,
              "kitchen",
              List.of(
                  new Sub("Knives", "Knife"),
                  new Sub("Cookware", "Pan"),
                  new Sub("Coffee", "Grinder"),
                  new Sub("Baking", "Scale"))),
          new Category(
              6,
              "outdoor",
              List.of(
                  new Sub("Camping", "Tent"),
                  new Sub("Bags", "Backpack"),
                  new Sub("Drinkware", "Flask"),
                  new Sub("Lights", "Headlamp"))),
          new Category(
              7,
              "sports",
              List.of(
                  new Sub("Fitness", "Yoga Mat"),
                  new Sub("Team Sports", "Ball"),
                  new Sub("Racket Sports", "Racket"),
                  new Sub("Cardio", "Jump Rope"))),
          new Category(
              8,
              "toys",
              List.of(
                  new Sub("Puzzles", "Puzzle"),
                  new Sub("Robotics", "Robot"),
                  new Sub("Outdoor Toys", "Kite"),
                  new Sub("Construction", "Building Set"))));

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

  static Place place(String country) {
    Place place = PLACES.get(country);
    if (place == null) {
      throw new IllegalArgumentException("no place data for country " + country);
    }
    return place;
  }

  static String street(SplittableRandom r) {
    return (1 + r.nextInt(200)) + " " + pick(STREETS, r) + " Street";
  }

  static String supplierName(long supplierId) {
    return SUPPLIER_WORDS.get((int) (supplierId % SUPPLIER_WORDS.size()))
        + " Trading "
        + supplierId;
  }

  static String supplierCountry(String region) {
    return SUPPLIER_COUNTRY.get(region);
  }

  static <T> T pick(List<T> list, SplittableRandom r) {
    return list.get(r.nextInt(list.size()));
  }

  /** A country: its English name, calling code, currency, and three cities with their regions. */
  record Place(
      String name,
      String callingCode,
      String currency,
      List<String> cities,
      List<String> regions) {}

  /** A top-level category and its sub-categories. */
  record Category(int id, String name, List<Sub> subs) {

    String productName(SplittableRandom r, Sub sub) {
      return pick(ADJECTIVES, r) + " " + sub.noun();
    }

    int subId(int index) {
      return id * 100 + index + 1;
    }
  }

  /** A sub-category and the kind of thing sold in it. */
  record Sub(String name, String noun) {}
}
