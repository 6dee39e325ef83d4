package lab.shop.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ShopSizeTest {

  @Test
  void theDefaultShopIsSmall() {
    assertThat(ShopSize.DEFAULT).isEqualTo(new ShopSize(1_000, 200, 10_000));
  }

  @Test
  void acceptsTheBoundsThemselves() {
    assertThat(new ShopSize(1, 1, 1).orders()).isEqualTo(1);
    assertThat(new ShopSize(10_000_000, 1_000_000, 100_000_000).orders()).isEqualTo(100_000_000);
  }

  @Test
  void aNegativeOrderCountNamesTheSettingToFix() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ShopSize(10, 10, -5))
        .withMessage("orders must be between 1 and 100000000, got -5 (set --orders)");
  }

  @Test
  void tooManyOrdersNamesTheSettingToFix() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ShopSize(10, 10, 100_000_001))
        .withMessage("orders must be between 1 and 100000000, got 100000001 (set --orders)");
  }

  @Test
  void zeroCustomersNamesTheSettingToFix() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ShopSize(0, 10, 10))
        .withMessage("customers must be between 1 and 10000000, got 0 (set --customers)");
  }

  @Test
  void tooManyCustomersNamesTheSettingToFix() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ShopSize(10_000_001, 10, 10))
        .withMessage("customers must be between 1 and 10000000, got 10000001 (set --customers)");
  }

  @Test
  void tooManyProductsNamesTheSettingToFix() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ShopSize(10, 1_000_001, 10))
        .withMessage("products must be between 1 and 1000000, got 1000001 (set --products)");
  }
}
