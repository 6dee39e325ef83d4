package lab.shop.gen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the FX rates the ETL reads as its second source: one CSV file, {@code
 * date,currency,units_per_eur}, a rate per currency and business day from a week before the shop's
 * history to a year after it. Like a central bank's reference rates there are none at weekends, so
 * the ETL has to carry Friday's rate forward. Deterministic: a seed fixes every rate (a
 * mean-reverting random walk around the shop's list rates).
 */
public final class FxRateFile {

  /** The file's name in the drop directory. */
  public static final String NAME = "fx_rates.csv";

  private static final List<String> CURRENCIES = List.of("USD", "GBP", "SEK", "PLN", "CHF");

  private FxRateFile() {}

  /** Writes the file atomically into {@code dir} (created if needed); returns its path. */
  public static Path write(Path dir, long seed) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(NAME);
    Path tmp = dir.resolve(NAME + ".tmp");
    LocalDate first = ShopRows.START.toLocalDate().minusDays(7);
    LocalDate last = ShopRows.END.toLocalDate().plusYears(1);
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write("date,currency,units_per_eur\n");
      for (int c = 0; c < CURRENCIES.size(); c++) {
        String currency = CURRENCIES.get(c);
        double list = Vocabulary.LIST_RATES.get(currency).doubleValue();
        SplittableRandom r = Seeds.random(seed, Seeds.FX, c);
        double rate = list;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
          // Half a percent of daily noise, pulled back towards the list rate.
          rate += (list - rate) * 0.05 + list * 0.005 * (r.nextDouble() * 2 - 1);
          if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            continue;
          }
          BigDecimal units = BigDecimal.valueOf(rate).setScale(6, RoundingMode.HALF_EVEN);
          w.write(d + "," + currency + "," + units.toPlainString() + "\n");
        }
      }
    }
    // The ETL reads whatever files are in the drop: it must never see a half-written one.
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }
}
