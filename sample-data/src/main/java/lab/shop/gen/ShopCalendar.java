package lab.shop.gen;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.SplittableRandom;

/**
 * When orders happen: a demand curve over the shop's history, day by day, with a weekly rhythm, a
 * yearly swell towards Christmas, holiday peaks (Black Friday, Cyber Monday), slow growth and, with
 * {@link MessyData#BURSTS}, flash-sale days and quiet days. Order n of N is placed where the
 * cumulative demand reaches (n - 1 + u) / N, so ids still follow time as identity keys do.
 */
final class ShopCalendar {

  // Share of a day's orders per hour (UTC): night trough, lunch bump, evening peak.
  private static final double[] HOURS = {
    0.6, 0.4, 0.3, 0.3, 0.3, 0.5, 1.0, 1.8, 2.6, 3.2, 3.6, 4.0, 4.6, 4.4, 4.0, 4.0, 4.3, 4.8, 5.6,
    6.4, 6.8, 6.0, 4.2, 2.0
  };

  private static final double[] WEEKDAY = {0.92, 0.88, 0.9, 0.95, 1.08, 1.25, 1.02}; // Mon..Sun

  private static final long DAY_MILLIS = 86_400_000L;

  private final int days;
  private final double[] cumulative; // cumulative[d] = demand of days 0..d-1
  private final double[] hourCumulative;
  private final long seed;
  private final boolean bursts;

  ShopCalendar(long seed, boolean bursts) {
    this.seed = seed;
    this.bursts = bursts;
    this.days = (int) ShopRows.HISTORY.toDays();
    this.cumulative = new double[days + 1];
    for (int d = 0; d < days; d++) {
      cumulative[d + 1] = cumulative[d] + demand(d);
    }
    this.hourCumulative = new double[HOURS.length + 1];
    for (int h = 0; h < HOURS.length; h++) {
      hourCumulative[h + 1] = hourCumulative[h] + HOURS[h];
    }
  }

  /** The day's demand relative to an ordinary weekday at the shop's start. */
  double demand(int day) {
    LocalDate date = date(day);
    double weekly = WEEKDAY[date.getDayOfWeek().getValue() - 1];
    // Peaks on 20 December, troughs in mid-June.
    double yearly = 1 + 0.25 * StrictMath.cos(2 * Math.PI * (date.getDayOfYear() - 354) / 365.25);
    double growth = 1 + 0.5 * day / days;
    double burst = bursts ? burst(day) : 1;
    return weekly * yearly * growth * holiday(date) * burst;
  }

  /** Milliseconds after {@link ShopRows#START} at which a fraction q of all demand is reached. */
  long millisAtShare(double q) {
    double target = Math.min(Math.max(q, 0), 1) * cumulative[days];
    int lo = 0;
    int hi = days - 1;
    while (lo < hi) { // the last day whose cumulative start is <= target
      int mid = (lo + hi + 1) >>> 1;
      if (cumulative[mid] <= target) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    double inDay = (target - cumulative[lo]) / (cumulative[lo + 1] - cumulative[lo]);
    return lo * DAY_MILLIS + withinDay(Math.min(Math.max(inDay, 0), 1));
  }

  /**
   * Whether a store sells nothing on a day: with {@link MessyData#BURSTS}, about 2% of days at
   * random plus one closed week a year (a refit), different for each store.
   */
  boolean storeClosed(int storeId, int day) {
    if (!bursts) {
      return false;
    }
    SplittableRandom r = Seeds.random(seed, Seeds.STORE_DAY, storeId * 10_000L + day);
    if (r.nextInt(100) < 2) {
      return true;
    }
    SplittableRandom store = Seeds.random(seed, Seeds.STORE, storeId);
    int refitStart = store.nextInt(365 - 7);
    return day % 365 >= refitStart && day % 365 < refitStart + 7;
  }

  static LocalDate date(int day) {
    return ShopRows.START.toLocalDate().plusDays(day);
  }

  private long withinDay(double fraction) {
    double target = fraction * hourCumulative[HOURS.length];
    int h = 0;
    while (h < HOURS.length - 1 && hourCumulative[h + 1] <= target) {
      h++;
    }
    double inHour = (target - hourCumulative[h]) / HOURS[h];
    long millis = (long) ((h + Math.min(Math.max(inHour, 0), 1)) * 3_600_000L);
    return Math.min(millis, DAY_MILLIS - 1);
  }

  private static double holiday(LocalDate date) {
    LocalDate blackFriday =
        LocalDate.of(date.getYear(), Month.NOVEMBER, 1)
            .with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.FRIDAY));
    if (date.equals(blackFriday)) {
      return 3.0;
    }
    if (date.equals(blackFriday.plusDays(3))) {
      return 2.2; // Cyber Monday
    }
    if (date.getMonth() == Month.DECEMBER) {
      int d = date.getDayOfMonth();
      if (d >= 24 && d <= 26) {
        return 0.45;
      }
      if (d < 24) {
        return 1.2 + 0.02 * d; // the run-up to Christmas
      }
    }
    if (date.getMonth() == Month.JANUARY && date.getDayOfMonth() == 1) {
      return 0.35;
    }
    return 1;
  }

  // Three flash sales a year at 2.5x, and about 1% quiet days at 0.3x (a site outage, a strike).
  private double burst(int day) {
    SplittableRandom r = Seeds.random(seed, Seeds.CALENDAR_DAY, day);
    int roll = r.nextInt(1000);
    if (roll < 8) {
      return 2.5;
    }
    if (roll < 18) {
      return 0.3;
    }
    return 1;
  }
}
