package lab.shop.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract's own rules; ShopContractIT holds it against PostgreSQL and the change layer. */
class ShopContractTest {

  @Test
  void everyTableHasAUniqueNameAndIsFoundByIt() {
    assertThat(ShopContract.names()).doesNotHaveDuplicates().hasSize(16);
    assertThat(ShopContract.table("order_items")).contains(ShopContract.ORDER_ITEMS);
    assertThat(ShopContract.table("coupons")).isEmpty();
    assertThat(ShopContract.ORDER_ITEMS.key()).containsExactly("order_id", "line_no");
  }

  @Test
  void parentsComeBeforeTheirChildren() {
    List<String> names = ShopContract.names();
    assertThat(names.indexOf("customers")).isLessThan(names.indexOf("orders"));
    assertThat(names.indexOf("orders")).isLessThan(names.indexOf("order_items"));
    assertThat(names.indexOf("products")).isLessThan(names.indexOf("order_items"));
  }

  @Test
  void aKeyMustBeAmongTheColumnsAndNeverOptional() {
    SourceColumn id = new SourceColumn("id", SourceType.BIGINT, false);
    SourceColumn note = new SourceColumn("note", SourceType.TEXT, true);

    assertThatThrownBy(() -> new SourceTable("t", List.of("other"), List.of(id), null))
        .hasMessage("t: key [other] is not among its columns");
    assertThatThrownBy(() -> new SourceTable("t", List.of("note"), List.of(id, note), null))
        .hasMessage("t: a key column cannot be optional");
    assertThatThrownBy(() -> new SourceTable("t", List.of("id"), List.of(id, note), "note"))
        .hasMessage("t: the identity column must be the whole key");
  }
}
