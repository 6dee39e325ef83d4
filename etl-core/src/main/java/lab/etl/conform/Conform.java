package lab.etl.conform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import lab.etl.standardize.Standardize;
import lab.etl.star.ShopTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The per-table conforming step: the standardized columns each shop table's changes carry beside
 * the raw ones (which stay, so the warehouse can still be reconciled with the shop). One rule per
 * table, visible in one place; tables that need none get none.
 */
public final class Conform {

  /** A derived column: its expression over the table's typed columns, and its type. */
  public record Derived(Column value, DataType type) {}

  private Conform() {}

  /** The table's standardized columns, by name, in the order they are written. */
  public static Map<String, Derived> derived(ShopTable table) {
    Function<String, Column> c = table::typed;
    Map<String, Derived> out = new LinkedHashMap<>();
    switch (table.name()) {
      case "customers" -> {
        // Email trimmed and lower-cased, phone in E.164 (a national number takes the customer's
        // country code), and whether either differed from what the shop holds.
        Column emailStd = Standardize.email(c.apply("email"));
        Column phone = Standardize.phoneE164(c.apply("phone"), c.apply("country"));
        out.put("email_std", text(emailStd));
        out.put("phone_e164", text(phone));
        out.put(
            "contact_standardized",
            new Derived(
                Standardize.wasStandardized(c.apply("email"), emailStd)
                    .or(Standardize.wasStandardized(c.apply("phone"), phone)),
                DataTypes.BooleanType));
      }
      // The country as typed (a code or a name, any case) becomes ISO alpha-2.
      case "customer_addresses" ->
          out.put("country_code", text(Standardize.countryIso2(c.apply("country"))));
      case "crm_customer_imports" -> {
        // CRM exports are text: the birth date in whichever local format was used, the
        // registration time with an office's UTC offset.
        Column country = Standardize.countryIso2(c.apply("country"));
        out.put("email_std", text(Standardize.email(c.apply("email"))));
        out.put("country_code", text(country));
        out.put("phone_e164", text(Standardize.phoneE164(c.apply("phone"), country)));
        Column birth = Standardize.lenientDate(c.apply("birth_date"));
        Column registered = Standardize.utcTimestamp(c.apply("registered_at"));
        out.put("birth_date_std", new Derived(birth, DataTypes.DateType));
        out.put("registered_at_utc", new Derived(registered, DataTypes.TimestampType));
        out.put(
            "birth_date_unreadable", flag(c.apply("birth_date").isNotNull().and(birth.isNull())));
        out.put(
            "registered_at_unreadable",
            flag(c.apply("registered_at").isNotNull().and(registered.isNull())));
      }
      // ISO 4217 upper case: payment providers report the currency in any case.
      case "orders", "payments", "stores" ->
          out.put("currency_std", text(Standardize.currency(c.apply("currency_code"))));
      default -> {
        // reference data and facts the shop already keeps in one spelling
      }
    }
    return out;
  }

  private static Derived text(Column value) {
    return new Derived(value, DataTypes.StringType);
  }

  private static Derived flag(Column value) {
    return new Derived(value, DataTypes.BooleanType);
  }
}
