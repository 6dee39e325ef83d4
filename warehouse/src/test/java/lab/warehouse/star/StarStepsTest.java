package lab.warehouse.star;

import static lab.warehouse.star.ShopChanges.NEW_YEAR;
import static lab.warehouse.star.ShopChanges.shop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import lab.warehouse.sql.SqlScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The star's rules as named steps: their order, and replacing one by name. */
class StarStepsTest {

  @TempDir Path dir;

  /**
   * The steps were cut from one script, star_build.sql (39 statements; removed in the commit that
   * split it). Their statements, in order, are exactly that script's: the fingerprint is the
   * SHA-256 of its statements joined by a line with a semicolon, taken before the split. A step
   * changed on purpose changes it; then take the new value from the failure message. (Changed on
   * purpose since: small_dimensions files a country value that is no ISO code under the unknown
   * geography instead of failing on its key.)
   */
  @Test
  void theDefaultStepsAreTheStatementsOfTheStarBuildTheyWereCutFrom() {
    List<String> statements =
        StarSteps.defaults().steps().stream().flatMap(s -> s.statements().stream()).toList();

    assertThat(statements).hasSize(39);
    assertThat(sha256(String.join("\n;\n", statements)))
        .isEqualTo("911da05bc0c634b8b218d76b9ff539f2e2548105da64ac21c5900570b8020955");
  }

  @Test
  void theStepsRunInTheDeclaredOrderEachFromItsOwnFile() {
    assertThat(StarSteps.defaults().names()).isEqualTo(StarSteps.ORDER);
    assertThat(StarSteps.defaults().steps())
        .allSatisfy(
            s -> assertThat(s.origin()).isEqualTo("/lab/warehouse/star/" + s.name() + ".sql"));
    assertThat(StarSteps.defaults().replaced()).isEmpty();
  }

  @Test
  void aStepReplacedByNameIsWhatTheSinkRuns() throws Exception {
    // A plausible wrong answer to the periodic snapshot: only the days and stores that sold.
    Path onlySales = dir.resolve("daily_store_sales.sql");
    Files.writeString(
        onlySales,
        """
        DELETE FROM fact_daily_store_sales;
        INSERT INTO fact_daily_store_sales
        SELECT date_key, store_key, count(DISTINCT order_id), sum(quantity), sum(net_amount_rpt)
        FROM fact_sales GROUP BY ALL;
        """);
    StarSteps steps =
        StarSteps.defaults().replace(StarStep.fromFile("daily_store_sales", onlySales));
    ShopChanges twoDays =
        shop()
            .order(1, null, "paid", NEW_YEAR, "EUR", "CARD-1", 200)
            .line(1, 1, 7, 2, "5.00", 0, 201)
            .order(2, null, "paid", "2026-01-03 10:00:00.000000Z", "EUR", "CARD-1", 202)
            .line(2, 1, 7, 1, "5.00", 0, 203);
    String days = "SELECT string_agg(date_key, ',' ORDER BY date_key) FROM fact_daily_store_sales";

    assertThat(steps.replaced()).containsExactly("daily_store_sales (" + onlySales + ")");
    assertThat(steps.names()).isEqualTo(StarSteps.ORDER);
    try (StarFixture replaced = StarFixture.open(dir.resolve("replaced"), steps)) {
      replaced.apply(twoDays);
      assertThat(replaced.query(days)).isEqualTo("20260101,20260103");
    }
    try (StarFixture lab = StarFixture.open(dir.resolve("lab"))) {
      lab.apply(twoDays);
      assertThat(lab.query(days)).isEqualTo("20260101,20260102,20260103");
    }
  }

  /**
   * Re-delivered and stale changes, and a delete, in one batch and the next: the merge of
   * customer_addresses written out ({@link lab.warehouse.sink.StarSink#mergeSql}) and run in place
   * of the generated one builds the same change layer; a naive one (the latest arrival wins) does
   * not.
   */
  @Test
  void aMergeReplacedByItsOwnSqlBuildsTheSameChangeLayerAndANaiveOneDoesNot() throws Exception {
    ShopChanges first =
        shop()
            .customer(10, "consumer", 100)
            .address(1, 10, "Berlin", "DE", "2025-01-01T00:00:00Z", 101)
            .address(2, 10, "Hamburg", "DE", "2025-02-01T00:00:00Z", 102)
            .address(1, 10, "Munich", "DE", "2025-01-01T00:00:00Z", 103)
            .address(1, 10, "Munich", "DE", "2025-01-01T00:00:00Z", 103);
    ShopChanges second =
        shop()
            .address(1, 10, "Berlin", "DE", "2025-01-01T00:00:00Z", 101)
            .delete("customer_addresses", 104, "{\"address_id\":2}");
    String rows =
        "SELECT string_agg(address_id || ':' || city || ':' || source_lsn || ':' || is_deleted,"
            + " ' ' ORDER BY address_id) FROM cur_customer_addresses";
    String written = lab.warehouse.sink.StarSink.mergeSql("customer_addresses");
    StarSteps own =
        StarSteps.defaults()
            .replaceMerge("customer_addresses", StarStep.of("merge", "written out", written));
    StarSteps naive =
        StarSteps.defaults()
            .replaceMerge(
                "customer_addresses",
                StarStep.of(
                    "merge",
                    "naive.sql",
                    "INSERT OR REPLACE INTO cur_customer_addresses BY NAME SELECT * FROM"
                        + " stage_customer_addresses WHERE NOT is_deleted QUALIFY row_number()"
                        + " OVER (PARTITION BY address_id ORDER BY source_lsn DESC) = 1;\n"));

    assertThat(written).contains("FROM stage_customer_addresses");
    assertThat(own.replaced()).containsExactly("the merge of customer_addresses (written out)");
    String generated;
    try (StarFixture lab = StarFixture.open(dir.resolve("lab"))) {
      lab.apply(first);
      lab.apply(second);
      generated = lab.query(rows);
    }
    assertThat(generated).isEqualTo("1:Munich:103:false 2:Hamburg:104:true");
    try (StarFixture replaced = StarFixture.open(dir.resolve("own"), own)) {
      replaced.apply(first);
      replaced.apply(second);
      assertThat(replaced.query(rows)).isEqualTo(generated);
      assertThat(replaced.query("SELECT count(*) FROM cur_customers"))
          .as("the other tables' merges stay the sink's")
          .isEqualTo("1");
    }
    try (StarFixture replaced = StarFixture.open(dir.resolve("naive"), naive)) {
      replaced.apply(first);
      replaced.apply(second);
      assertThat(replaced.query(rows)).isEqualTo("1:Berlin:101:false 2:Hamburg:102:false");
    }
  }

  @Test
  void aMergeOfATableTheChangeLayerHasNotIsRefused() {
    StarSteps steps =
        StarSteps.defaults()
            .replaceMerge("gift_cards", StarStep.of("merge", "mine.sql", "SELECT 1;"));

    assertThatThrownBy(() -> StarFixture.open(dir.resolve("wh"), steps))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the change layer has no table cur_gift_cards")
        .hasMessageContaining("customer_addresses");
  }

  @Test
  void anUnknownStepNameIsRefusedWithTheNamesThereAre() {
    assertThatThrownBy(
            () ->
                StarSteps.defaults()
                    .replace(StarStep.of("customer_version", "mine.sql", "SELECT 1;")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no star step named 'customer_version'")
        .hasMessageContaining("customer_versions, loyalty_members");
  }

  @Test
  void aStepWithoutStatementsIsRefused() {
    assertThatThrownBy(() -> StarStep.of("fact_sales", "empty.sql", "-- to do\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("star step fact_sales (empty.sql) has no SQL statement");
  }

  @Test
  void aBrokenStepFailsItsBatchNamingTheStepAndAppliesNothing() throws Exception {
    Path broken = dir.resolve("customer_versions.sql");
    Files.writeString(
        broken, "-- my versions\n\nDELETE FROM dim_customer WHERE no_such_column = 1;\n");
    StarSteps steps = StarSteps.defaults().replace(StarStep.fromFile("customer_versions", broken));

    try (StarFixture star = StarFixture.open(dir.resolve("wh"), steps)) {
      assertThatThrownBy(() -> star.apply(shop().customer(10, "consumer", 100)))
          .isInstanceOfSatisfying(
              StarStepException.class,
              e -> {
                assertThat(e.step().name()).isEqualTo("customer_versions");
                assertThat(e.statement().line()).isEqualTo(3);
                assertThat(e.reason()).contains("no_such_column").doesNotContain("star step");
              })
          .hasMessageContaining("star step customer_versions (" + broken + ") failed at line 3")
          .hasMessageContaining("no_such_column")
          .hasMessageContaining("in: DELETE FROM dim_customer");
      assertThat(star.query("SELECT count(*) FROM etl_batch_ledger")).isEqualTo("0");
      assertThat(star.query("SELECT count(*) FROM cur_customers")).isEqualTo("0");
    }
  }

  @Test
  void aRunawayStatementIsCancelledAfterTheTimeoutAndAppliesNothing() throws Exception {
    StarSteps steps =
        StarSteps.defaults()
            .replace(
                StarStep.of(
                    "customer_activity",
                    "runaway.sql",
                    "SELECT count(*) FROM range(100000) a, range(100000) b, range(100000) c"
                        + " WHERE a.range + b.range + c.range < 0;\n"))
            .withStatementTimeout(Duration.ofSeconds(1));

    try (StarFixture star = StarFixture.open(dir.resolve("wh"), steps)) {
      assertThatThrownBy(() -> star.apply(shop().customer(10, "consumer", 100)))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("star step customer_activity (runaway.sql) failed")
          .hasMessageContaining("Interrupt");
      assertThat(star.query("SELECT count(*) FROM etl_batch_ledger")).isEqualTo("0");
    }
  }

  @Test
  void theBuiltInSqlOfAStepIsItsFile() {
    assertThat(StarSteps.builtInSql("fact_sales"))
        .isEqualTo(SqlScript.text("/lab/warehouse/star/fact_sales.sql"));
    assertThatThrownBy(() -> StarSteps.builtInSql("fact_sale"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no star step named 'fact_sale'");
  }

  @Test
  void aStepFileThatCannotBeReadSaysWhich() {
    Path missing = dir.resolve("nothing.sql");
    assertThatThrownBy(() -> StarStep.fromFile("fact_sales", missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot read star step fact_sales from " + missing);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
