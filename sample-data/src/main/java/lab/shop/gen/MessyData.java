package lab.shop.gen;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of mess a real shop's data has, each a named switch of the generator. Each one leaves
 * work for the ETL, described in {@link #etlTask()}; {@code --profile clean} turns them all off.
 */
public enum MessyData {
  MISSING_VALUES(
      "missing-values",
      "optional attributes left NULL: customer phone, address region, product category",
      "fill or flag: an explicit Unknown member, forward-fill, or a default, with a flag column"),
  INCONSISTENT_FORMATS(
      "formats",
      "emails with capitals and spaces, phones in local formats, countries as names, currency"
          + " codes in mixed case, CRM timestamps with different UTC offsets",
      "standardize: trim and lower-case emails, E.164 phones, ISO-3166 countries, ISO-4217"
          + " currencies, UTC timestamps"),
  DUPLICATE_ENTITIES(
      "duplicates",
      "about 2% of customers register twice: same name, birth date and address, another email",
      "match duplicates by a documented rule into one conformed customer with a mapping table"),
  LATE_REFERENCES(
      "late-references",
      "a third of store orders carry a loyalty card whose member arrives days later through the"
          + " crm_customer_imports table",
      "give the fact an inferred member and complete it in place when the member arrives"),
  BURSTS(
      "bursts",
      "flash-sale days with several times the usual orders, and days on which a store sells"
          + " nothing (closed, or a till outage)",
      "keep the daily snapshot complete: explicit zero rows for days without sales");

  private final String option;
  private final String effect;
  private final String etlTask;

  MessyData(String option, String effect, String etlTask) {
    this.option = option;
    this.effect = effect;
    this.etlTask = etlTask;
  }

  /** The switch's name on the command line, e.g. {@code late-references}. */
  public String option() {
    return option;
  }

  /** What the generator does when the switch is on. */
  public String effect() {
    return effect;
  }

  /** What the ETL has to do about it. */
  public String etlTask() {
    return etlTask;
  }

  /** The switch with this command-line name, or an error listing the known ones. */
  public static MessyData fromOption(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(m -> m.option.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown messy-data switch '"
                        + name
                        + "'; known: "
                        + Arrays.stream(values())
                            .map(MessyData::option)
                            .collect(Collectors.joining(", "))));
  }
}
