package lab.warehouse.star;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import lab.warehouse.sink.ChangeRow;
import lab.warehouse.sink.FxRate;
import lab.warehouse.sink.StarBatch;

/** Change rows as the ETL delivers them, built like the shop's history they describe. */
public final class ShopChanges {

  public static final String SIGN_UP = "2025-01-10 08:00:00.000000Z";
  public static final String NEW_YEAR = "2026-01-01 09:00:00.000000Z";
  public static final String MOVED = "2026-02-01 00:00:00.000000Z";
  public static final String LATER = "2026-03-01 12:00:00.000000Z";

  /** Reference data every test needs: a product with its category and supplier, FX rates. */
  public static ShopChanges shop() {
    return new ShopChanges()
        .row("sales_channels", 1, "{\"channel_id\":1,\"code\":\"web\",\"name\":\"Web shop\"}")
        .row("categories", 2, "{\"category_id\":1,\"name\":\"Fashion\"}")
        .row("categories", 3, "{\"category_id\":101,\"parent_id\":1,\"name\":\"Shoes\"}")
        .row(
            "suppliers",
            4,
            "{\"supplier_id\":1,\"name\":\"Acme\",\"country\":\"NL\",\"region\":\"EU-West\"}")
        .row(
            "products",
            5,
            "{\"product_id\":7,\"sku\":\"SKU-7\",\"name\":\"Red Shoe\",\"unit_price\":\"10.00\","
                + "\"category_id\":101,\"supplier_id\":1,\"unit_cost\":\"4.00\"}")
        .fx("SEK", "11.50000000");
  }

  public final List<ChangeRow> rows = new ArrayList<>();
  public final List<FxRate> fx = new ArrayList<>();

  public ShopChanges row(String table, long lsn, String json) {
    rows.add(new ChangeRow(table, lsn, 1_767_258_000_000L + lsn, false, json));
    return this;
  }

  /** A delete as Debezium sends it: the row's key only. */
  public ShopChanges delete(String table, long lsn, String keyJson) {
    rows.add(new ChangeRow(table, lsn, 1_767_258_000_000L + lsn, true, keyJson));
    return this;
  }

  public ShopChanges customer(long id, String segment, long lsn) {
    return row(
        "customers",
        lsn,
        "{\"customer_id\":"
            + id
            + ",\"email\":\"c"
            + id
            + "@example.com\",\"email_std\":\"c"
            + id
            + "@example.com\",\"full_name\":\"Kim Park\",\"country\":\"DE\","
            + "\"birth_date\":\"1990-01-01\",\"segment\":\""
            + segment
            + "\",\"created_at\":\""
            + SIGN_UP
            + "\"}");
  }

  public ShopChanges address(
      long id, long customer, String city, String country, String from, long lsn) {
    return address(id, customer, city, country, from, null, lsn);
  }

  public ShopChanges address(
      long id, long customer, String city, String country, String from, String to, long lsn) {
    String iso = country.length() == 2 ? country : country.equalsIgnoreCase("france") ? "FR" : "DE";
    return row(
        "customer_addresses",
        lsn,
        "{\"address_id\":"
            + id
            + ",\"customer_id\":"
            + customer
            + ",\"street\":\"1 Main St\","
            + "\"postcode\":\"10115\",\"city\":\""
            + city
            + "\",\"country\":\""
            + country
            + "\",\"country_code\":\""
            + iso
            + "\",\"valid_from\":\""
            + from
            + "\""
            + (to == null ? "" : ",\"valid_to\":\"" + to + "\"")
            + "}");
  }

  public ShopChanges order(
      long id, Long customer, String status, String at, String currency, String card, long lsn) {
    return row(
        "orders",
        lsn,
        "{\"order_id\":"
            + id
            + (customer == null ? "" : ",\"customer_id\":" + customer)
            + ",\"status\":\""
            + status
            + "\",\"ordered_at\":\""
            + at
            + "\",\"updated_at\":\""
            + at
            + "\",\"channel_id\":1,\"currency_code\":\""
            + currency
            + "\",\"currency_std\":\""
            + currency
            + "\""
            + (card == null ? "" : ",\"loyalty_card\":\"" + card + "\"")
            + "}");
  }

  public ShopChanges line(
      long order, int lineNo, long product, int qty, String price, int discount, long lsn) {
    return row(
        "order_items",
        lsn,
        "{\"order_id\":"
            + order
            + ",\"line_no\":"
            + lineNo
            + ",\"product_id\":"
            + product
            + ",\"quantity\":"
            + qty
            + ",\"unit_price\":\""
            + price
            + "\",\"discount_pct\":"
            + discount
            + "}");
  }

  public ShopChanges crmImport(
      long id, String card, String email, String name, String birth, long lsn) {
    return row(
        "crm_customer_imports",
        lsn,
        "{\"import_id\":"
            + id
            + ",\"loyalty_card\":\""
            + card
            + "\",\"email\":\""
            + email
            + "\",\"email_std\":\""
            + email.strip().toLowerCase()
            + "\",\"full_name\":\""
            + name
            + "\",\"birth_date\":\""
            + birth
            + "\",\"imported_at\":\""
            + LATER
            + "\"}");
  }

  public ShopChanges payment(long id, long order, long lsn) {
    return row(
        "payments",
        lsn,
        "{\"payment_id\":"
            + id
            + ",\"order_id\":"
            + order
            + ",\"method\":\"card\","
            + "\"amount\":\"5.00\",\"currency_code\":\"EUR\",\"currency_std\":\"EUR\","
            + "\"status\":\"captured\",\"paid_at\":\""
            + NEW_YEAR
            + "\"}");
  }

  /** A price list entry: the product's price from {@code from} on. */
  public ShopChanges price(long product, String from, String unitPrice, long lsn) {
    return row(
        "product_prices",
        lsn,
        "{\"product_id\":"
            + product
            + ",\"valid_from\":\""
            + from
            + "\",\"unit_price\":\""
            + unitPrice
            + "\"}");
  }

  /** A shipment handed to the carrier at {@code shipped}, delivered at {@code delivered}. */
  public ShopChanges shipment(long id, long order, String shipped, String delivered, long lsn) {
    return row(
        "shipments",
        lsn,
        "{\"shipment_id\":"
            + id
            + ",\"order_id\":"
            + order
            + ",\"carrier\":\"DHL\",\"shipped_at\":\""
            + shipped
            + "\""
            + (delivered == null ? "" : ",\"delivered_at\":\"" + delivered + "\"")
            + "}");
  }

  /** A store in a country, with its till currency. */
  public ShopChanges store(int id, String code, String country, String currency, long lsn) {
    return row(
        "stores",
        lsn,
        "{\"store_id\":"
            + id
            + ",\"store_code\":\""
            + code
            + "\",\"name\":\"Store "
            + code
            + "\",\"kind\":\"flagship\",\"city\":\"Town\",\"country\":\""
            + country
            + "\",\"currency_code\":\""
            + currency
            + "\"}");
  }

  public ShopChanges fx(String currency, String unitsPerEur) {
    fx.add(new FxRate(currency, LocalDate.of(2025, 12, 31), new BigDecimal(unitsPerEur), "fx.csv"));
    return this;
  }

  public int size() {
    return rows.size();
  }

  public StarBatch batch(String pipeline, long id) {
    return new StarBatch(pipeline, id, rows.size(), List.of(), rows, List.of(), fx);
  }
}
