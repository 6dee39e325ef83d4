package lab.bench.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogTest {

  private final QueryCatalog catalog = QueryCatalog.load();

  @Test
  void everyQueryHasBothFormsWithTheSameQuestionAndFlight() {
    assertThat(catalog.all()).isNotEmpty();
    for (CatalogQuery q : catalog.all()) {
      QueryHeader star = q.header(Engine.DUCKDB);
      QueryHeader shop = q.header(Engine.POSTGRES);
      assertThat(shop.question()).as(q.id()).isEqualTo(star.question());
      assertThat(shop.flight()).as(q.id()).isEqualTo(star.flight());
      assertThat(q.body(Engine.DUCKDB)).as(q.id()).matches("(?is)^(select|with)\\b.*");
      assertThat(q.body(Engine.POSTGRES)).as(q.id()).matches("(?is)^(select|with)\\b.*");
    }
  }

  @Test
  void thereAreThirteenSsbQueriesInFourFlightsAndTheBusinessQuestions() {
    List<CatalogQuery> ssb = catalog.all().stream().filter(CatalogQuery::ssb).toList();
    assertThat(ssb).hasSizeGreaterThanOrEqualTo(13);
    assertThat(ssb.stream().map(q -> q.flightCode().substring(0, 2)).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("Q1", "Q2", "Q3", "Q4");
    assertThat(ssb.stream().map(CatalogQuery::flightCode).distinct().count())
        .as("distinct SSB query numbers")
        .isEqualTo(ssb.size());
    assertThat(catalog.all().stream().filter(q -> !q.ssb()).map(CatalogQuery::id))
        .contains(
            "monthly_revenue",
            "top_products",
            "cohort_retention",
            "rfm_segments",
            "fulfillment_lag");
  }

  @Test
  void theStarFormsReadTheStarAndTheShopFormsTheShop() {
    Set<String> starTables = Set.of("fact_sales", "fact_order_fulfillment");
    for (CatalogQuery q : catalog.all()) {
      String star = q.body(Engine.DUCKDB);
      String shop = q.body(Engine.POSTGRES);
      assertThat(starTables.stream().anyMatch(star::contains)).as(q.id()).isTrue();
      assertThat(shop).as(q.id()).doesNotContain("fact_").doesNotContain("dim_").contains("orders");
      assertThat(star).as(q.id()).doesNotContain("order_items");
    }
  }

  @Test
  void revenueQueriesExcludeCancelledOrdersOnBothSides() {
    for (CatalogQuery q : catalog.all()) {
      if (q.id().equals("fulfillment_lag")) {
        continue; // delivered orders only, by definition never cancelled
      }
      assertThat(q.body(Engine.DUCKDB)).as(q.id()).contains("order_status <> 'cancelled'");
      assertThat(q.body(Engine.POSTGRES)).as(q.id()).contains("status <> 'cancelled'");
    }
  }

  @Test
  void theBodyDropsTheHeaderAndTheTrailingSemicolon() {
    CatalogQuery q1 = catalog.only(List.of("q1_1")).get(0);

    assertThat(q1.body(Engine.DUCKDB)).doesNotContain("--").doesNotEndWith(";");
    assertThat(q1.header(Engine.DUCKDB).flightCode()).isEqualTo("Q1.1");
    assertThat(q1.header(Engine.DUCKDB).teaches()).isNotBlank();
    assertThat(q1.header(Engine.POSTGRES).rules()).contains("cancelled");
  }

  @Test
  void onlyKeepsCatalogOrderAndNamesUnknownIds() {
    assertThat(catalog.only(List.of("q2_1", "q1_1")).stream().map(CatalogQuery::id))
        .containsExactly("q1_1", "q2_1");
    assertThat(catalog.only(List.of())).hasSize(catalog.all().size());
    assertThatThrownBy(() -> catalog.only(List.of("q9_9", "q1_1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--only: no catalog query q9_9 (there are q1_1, q1_2");
  }

  @Test
  void aHeaderWithoutAKeyFailsNamingIt() {
    String sql = "-- question: q?\n-- flight: Q1.1 x\n-- rules: r\nSELECT 1";

    assertThatThrownBy(() -> QueryHeader.parse(sql, "x.sql"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x.sql: the header lacks '-- teaches: ...'");
  }

  @Test
  void aHeaderLineMayContinueOnTheNextCommentLine() {
    String sql =
        "-- question: How much\n--   per month?\n-- flight: business\n-- teaches: t\n"
            + "-- rules: r\nSELECT 1";

    QueryHeader h = QueryHeader.parse(sql, "x.sql");

    assertThat(h.question()).isEqualTo("How much per month?");
    assertThat(h.ssb()).isFalse();
    assertThat(h.flightCode()).isEqualTo("business");
  }
}
