package lab.bench.oltp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChoicesTest {

  private static final Store BERLIN = new Store(1, Store.STORE, "EUR");
  private static final Store STOCKHOLM = new Store(2, Store.STORE, "SEK");
  private static final Store WAREHOUSE = new Store(9, Store.WAREHOUSE, "EUR");
  private static final ShopShape SHOP =
      new ShopShape(1_000, 200, 10_000, List.of(BERLIN, STOCKHOLM), List.of(WAREHOUSE));

  @Test
  void aNewOrderHasOneToSevenDistinctProductsInIdOrder() {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 5_000; i++) {
      List<Choices.Item> items = Choices.newOrder(r, SHOP).items();
      assertThat(items).hasSizeBetween(1, Choices.MAX_LINES);
      assertThat(items.stream().map(Choices.Item::productId).distinct()).hasSameSizeAs(items);
      assertThat(items).isSortedAccordingTo((a, b) -> Long.compare(a.productId(), b.productId()));
      assertThat(items)
          .allSatisfy(
              item -> {
                assertThat(item.productId()).isBetween(1L, 200L);
                assertThat(item.quantity()).isBetween(1, Choices.MAX_QUANTITY);
              });
    }
  }

  @Test
  void storeOrdersComeFromAStoreInItsCurrencyAndOnlineOrdersFromTheWarehouseInEuros() {
    SplittableRandom r = new SplittableRandom(5);
    int store = 0;
    int online = 0;
    for (int i = 0; i < 2_000; i++) {
      Choices.NewOrder o = Choices.newOrder(r, SHOP);
      if (o.channelId() == Choices.STORE) {
        store++;
        assertThat(o.storeId()).isIn(1, 2);
        assertThat(o.fulfilFrom()).isEqualTo(o.storeId());
        assertThat(o.currencyCode()).isEqualTo(o.storeId() == 1 ? "EUR" : "SEK");
      } else {
        online++;
        assertThat(o.channelId()).isIn(Choices.WEB, Choices.APP);
        assertThat(o.storeId()).isNull();
        assertThat(o.fulfilFrom()).isEqualTo(WAREHOUSE.storeId());
        assertThat(o.currencyCode()).isEqualTo("EUR");
      }
    }
    assertThat(store).isBetween(300, 500); // 20%
    assertThat(online).isBetween(1_500, 1_700);
  }

  @Test
  void aShopWithoutPhysicalStoresSellsOnlineOnly() {
    ShopShape online = new ShopShape(10, 10, 0, List.of(), List.of(WAREHOUSE));
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 500; i++) {
      assertThat(Choices.newOrder(r, online).channelId()).isNotEqualTo(Choices.STORE);
    }
  }

  @Test
  void theSameStreamMakesTheSameChoicesSoARetryRepeatsIt() {
    assertThat(Choices.newOrder(new SplittableRandom(11), SHOP))
        .isEqualTo(Choices.newOrder(new SplittableRandom(11), SHOP));
  }

  @Test
  void searchWindowsStayWithinTheOrdersAndEndWithTheNewest() {
    SplittableRandom r = new SplittableRandom(13);
    for (int i = 0; i < 1_000; i++) {
      List<Choices.IdRange> ranges = Choices.searchWindows(r, 10_000);
      assertThat(ranges).hasSize(3);
      assertThat(ranges)
          .allSatisfy(
              range -> {
                assertThat(range.from()).isBetween(1L, 10_000L);
                assertThat(range.to()).isBetween(range.from(), 10_000L);
                assertThat(range.to() - range.from()).isLessThan(Choices.SEARCH_WINDOW);
              });
      assertThat(ranges.get(2)).isEqualTo(new Choices.IdRange(9_001, 10_000));
    }
    assertThat(Choices.searchWindows(r, 0)).isEmpty();
    assertThat(Choices.searchWindows(r, 5).get(2)).isEqualTo(new Choices.IdRange(1, 5));
  }

  @Test
  void paymentMethodsFitTheChannel() {
    for (int roll = 0; roll < 100; roll++) {
      assertThat(Choices.paymentMethod(roll, Choices.STORE)).isIn("card", "cash");
      assertThat(Choices.paymentMethod(roll, Choices.WEB)).isIn("card", "paypal", "invoice");
    }
  }

  @Test
  void anOrderTotalIsExactToTheCentAfterDiscounts() {
    assertThat(
            OrderTotal.of(
                List.of(
                    new OrderTotal.Line(3, new BigDecimal("19.99"), 0),
                    new OrderTotal.Line(1, new BigDecimal("0.99"), 15))))
        .isEqualByComparingTo("60.81"); // 59.97 + 0.8415 -> 0.84
    assertThat(OrderTotal.of(List.of())).isEqualByComparingTo("0.00");
  }
}
