package lab.etl.standardize;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The values the shop's data is standardized to: its markets' countries and calling codes, and the
 * currencies it is paid in. Data, not rules: {@link Standardize} applies them, the DuckDB-SQL
 * reference transform writes them into its SQL.
 */
public final class Markets {

  /**
   * Country calling codes of the shop's markets (mirrors the countries the shop generator sells
   * to); a national number from any other country cannot be made international and becomes NULL.
   */
  public static final Map<String, String> CALLING_CODES =
      Map.ofEntries(
          Map.entry("US", "1"),
          Map.entry("GB", "44"),
          Map.entry("DE", "49"),
          Map.entry("FR", "33"),
          Map.entry("NL", "31"),
          Map.entry("ES", "34"),
          Map.entry("IT", "39"),
          Map.entry("SE", "46"),
          Map.entry("PL", "48"),
          Map.entry("BR", "55"),
          Map.entry("CA", "1"),
          Map.entry("JP", "81"),
          Map.entry("IN", "91"),
          Map.entry("AU", "61"));

  /**
   * English names of the shop's markets and their neighbours, lower-case, to ISO 3166-1 alpha-2.
   * Customers type their country as a code or a name; anything not here and not a known code
   * becomes NULL, which the star files under the "Unknown" geography with a flag.
   */
  public static final Map<String, String> COUNTRY_NAMES =
      Map.ofEntries(
          Map.entry("united states", "US"),
          Map.entry("united states of america", "US"),
          Map.entry("usa", "US"),
          Map.entry("united kingdom", "GB"),
          Map.entry("great britain", "GB"),
          Map.entry("uk", "GB"),
          Map.entry("germany", "DE"),
          Map.entry("deutschland", "DE"),
          Map.entry("france", "FR"),
          Map.entry("netherlands", "NL"),
          Map.entry("the netherlands", "NL"),
          Map.entry("spain", "ES"),
          Map.entry("italy", "IT"),
          Map.entry("sweden", "SE"),
          Map.entry("poland", "PL"),
          Map.entry("brazil", "BR"),
          Map.entry("canada", "CA"),
          Map.entry("japan", "JP"),
          Map.entry("india", "IN"),
          Map.entry("australia", "AU"),
          Map.entry("switzerland", "CH"),
          Map.entry("austria", "AT"),
          Map.entry("belgium", "BE"));

  /** Every ISO alpha-2 code a country is standardized to, in order. */
  public static final SortedSet<String> COUNTRY_CODES = codes();

  /** ISO 4217 codes the shop and its payment providers use. */
  public static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "SEK", "PLN", "CHF");

  private Markets() {}

  private static SortedSet<String> codes() {
    SortedSet<String> codes = new TreeSet<>(COUNTRY_NAMES.values());
    codes.addAll(CALLING_CODES.keySet());
    return Collections.unmodifiableSortedSet(codes);
  }
}
