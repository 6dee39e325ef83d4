package lab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanReadersTest {

  private static final Map<String, List<String>> SHOP =
      Map.of(
          "orders", List.of("order_id", "customer_id", "status", "ordered_at", "currency_code"),
          "order_items", List.of("order_id", "line_no", "product_id", "quantity", "unit_price"));

  private static final Map<String, List<String>> STAR =
      Map.of(
          "fact_sales",
          List.of("order_id", "line_no", "date_key", "quantity", "net_amount", "order_status"),
          "dim_date",
          List.of("date_key", "year", "month"));

  /** The shape of PostgreSQL 17's EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON), trimmed. */
  private static final String PG_PLAN =
      """
      [{"Plan": {"Node Type": "Aggregate", "Actual Rows": 3, "Actual Loops": 1,
        "Plans": [{"Node Type": "Hash Join", "Join Type": "Inner", "Actual Rows": 900,
          "Actual Loops": 1,
          "Plans": [
            {"Node Type": "Seq Scan", "Relation Name": "order_items", "Alias": "i",
             "Actual Rows": 300, "Actual Loops": 3, "Rows Removed by Filter": 100,
             "Output": ["i.order_id", "i.quantity", "i.unit_price"],
             "Filter": "(i.quantity < 3)"},
            {"Node Type": "Hash", "Actual Rows": 250, "Actual Loops": 1,
             "Plans": [{"Node Type": "Seq Scan", "Relation Name": "orders", "Alias": "o",
               "Actual Rows": 250, "Actual Loops": 1, "Rows Removed by Filter": 750,
               "Output": ["o.order_id", "o.currency_code"],
               "Filter": "(o.status <> 'cancelled'::text)"}]}]}]},
        "Planning Time": 0.2, "Execution Time": 3.1}]
      """;

  /** The shape of DuckDB 2.0's EXPLAIN (ANALYZE, FORMAT JSON), trimmed. */
  private static final String DUCK_PLAN =
      """
      {"operator": [{"type": "RESULT_COLLECTOR", "extra_info": {}, "children": [
        {"type": "HASH_GROUP_BY", "extra_info": {"Groups": "#0"}, "children": [
          {"type": "HASH_JOIN", "extra_info": {"Join Type": "INNER"}, "children": [
            {"type": "TABLE_SCAN", "rows_scanned": 120000,
             "extra_info": {"Table": "shop_star.main.fact_sales", "Type": "Sequential Scan",
               "Projections": ["date_key", "net_amount"],
               "Filters": "order_status!='cancelled' AND quantity<3"}, "children": []},
            {"type": "TABLE_SCAN", "rows_scanned": 731,
             "extra_info": {"Table": "shop_star.main.dim_date", "Projections": "date_key",
               "Filters": "year=2025"}, "children": []}]}]}]}]}
      """;

  @Test
  void postgresScansReadWholeRowsAndCountRemovedRowsAndLoops() throws Exception {
    PlanFacts plan = PostgresPlan.read(PG_PLAN, SHOP::get);

    assertThat(plan.joins()).containsExactly("Hash Join");
    TableRead items = plan.tables().get(0);
    assertThat(items.table()).isEqualTo("order_items");
    assertThat(items.access()).isEqualTo("Seq Scan");
    assertThat(items.rowsScanned()).as("(300 + 100) x 3 loops").isEqualTo(1_200);
    assertThat(items.columnsRead()).hasSize(5);
    assertThat(items.columnsUsed()).containsExactly("order_id", "quantity", "unit_price");
    TableRead orders = plan.tables().get(1);
    assertThat(orders.rowsScanned()).isEqualTo(1_000);
    assertThat(orders.columnsUsed()).containsExactly("order_id", "status", "currency_code");
    assertThat(plan.rowsScanned()).isEqualTo(2_200);
    assertThat(plan.columnsRead()).isEqualTo(10);
  }

  @Test
  void duckdbScansReadOnlyProjectedAndFilteredColumns() throws Exception {
    PlanFacts plan = DuckDbPlan.read(DUCK_PLAN, STAR::get);

    assertThat(plan.joinStrategy()).isEqualTo("HASH_JOIN");
    TableRead fact = plan.tables().get(0);
    assertThat(fact.table()).isEqualTo("fact_sales");
    assertThat(fact.rowsScanned()).isEqualTo(120_000);
    assertThat(fact.columnsRead())
        .containsExactly("date_key", "quantity", "net_amount", "order_status");
    assertThat(fact.columnsInTable()).isEqualTo(6);
    assertThat(plan.tables().get(1).columnsRead()).containsExactly("date_key", "year");
    assertThat(plan.columnsRead()).isEqualTo(6);
    assertThat(plan.columnsInTables()).isEqualTo(9);
  }

  @Test
  void aColumnNameInsideAnotherWordDoesNotCount() {
    assertThat(TableColumns.mentioned(List.of("year", "year_month"), "year_month = 202501"))
        .containsExactly("year_month");
  }

  @Test
  void aPlanThatIsNotJsonIsRefusedWithWhy() {
    assertThatThrownBy(() -> Json.parse("{\"a\": "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the plan is not valid JSON: ");
  }
}
