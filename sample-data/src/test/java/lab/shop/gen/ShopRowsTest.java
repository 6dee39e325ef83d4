package lab.shop.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShopRowsTest {

  private static final ShopSize SMALL_SHOP = new ShopSize(300, 50, 2_000);
  private static final long SEED = 42;
  private static final OffsetDateTime END_OF_HISTORY = ShopRows.START.plus(ShopRows.ORDER_PERIOD);

  private final ShopRows rows = new ShopRows(SEED, SMALL_SHOP);

  @Test
  void theSameSeedAndSizeGiveTheSameRows() {
    ShopRows again = new ShopRows(SEED, SMALL_SHOP);

    assertThat(again.customers().toList()).isEqualTo(rows.customers().toList());
    assertThat(again.products().toList()).isEqualTo(rows.products().toList());
    assertThat(again.orders().toList()).isEqualTo(rows.orders().toList());
    assertThat(again.orderLines().toList()).isEqualTo(rows.orderLines().toList());
  }

  @Test
  void anotherSeedGivesOtherRows() {
    ShopRows other = new ShopRows(SEED + 1, SMALL_SHOP);

    assertThat(other.customers().toList()).isNotEqualTo(rows.customers().toList());
    assertThat(other.products().toList()).isNotEqualTo(rows.products().toList());
    assertThat(other.orders().toList()).isNotEqualTo(rows.orders().toList());
    assertThat(other.orderLines().toList()).isNotEqualTo(rows.orderLines().toList());
  }

  @Test
  void aRowLookedUpByIdEqualsTheStreamedRowInWhateverOrderItIsAskedFor() {
    List<OrderRow> backwardsOrders = new ArrayList<>();
    List<List<OrderLineRow>> backwardsLines = new ArrayList<>();
    for (long id = SMALL_SHOP.orders(); id >= 1; id--) {
      backwardsOrders.add(rows.order(id));
      backwardsLines.add(rows.lines(id));
    }
    Collections.reverse(backwardsOrders);
    Collections.reverse(backwardsLines);

    assertThat(backwardsOrders).isEqualTo(rows.orders().toList());
    assertThat(backwardsLines.stream().flatMap(List::stream).toList())
        .isEqualTo(rows.orderLines().toList());
  }

  @Test
  void idsRunFromOneToTheSize() {
    assertThat(rows.customers().map(CustomerRow::customerId))
        .containsExactlyElementsOf(range(SMALL_SHOP.customers()));
    assertThat(rows.products().map(ProductRow::productId))
        .containsExactlyElementsOf(range(SMALL_SHOP.products()));
    assertThat(rows.orders().map(OrderRow::orderId))
        .containsExactlyElementsOf(range(SMALL_SHOP.orders()));
  }

  @Test
  void everyLineSellsAnExistingProductAtThatProductsPrice() {
    Map<Long, ProductRow> products =
        rows.products().collect(Collectors.toMap(ProductRow::productId, Function.identity()));

    assertThat(rows.orderLines())
        .isNotEmpty()
        .allSatisfy(
            line -> {
              assertThat(products).containsKey(line.productId());
              assertThat(line.unitPrice()).isEqualTo(products.get(line.productId()).unitPrice());
              assertThat(line.quantity()).isBetween(1, 5);
            });
  }

  @Test
  void everyOrderHasOneToFiveLinesNumberedFromOneWithoutGaps() {
    rows.orders()
        .forEach(
            order -> {
              List<OrderLineRow> lines = rows.lines(order.orderId());
              assertThat(lines).hasSizeBetween(1, 5);
              assertThat(lines).allSatisfy(l -> assertThat(l.orderId()).isEqualTo(order.orderId()));
              assertThat(lines.stream().map(OrderLineRow::lineNo))
                  .containsExactlyElementsOf(
                      IntStream.rangeClosed(1, lines.size()).boxed().toList());
              assertThat(lines.stream().map(OrderLineRow::productId)).doesNotHaveDuplicates();
            });
  }

  @Test
  void everyOrderBelongsToACustomerWhoHadAlreadySignedUp() {
    assertThat(rows.orders())
        .allSatisfy(
            order -> {
              assertThat(order.customerId()).isBetween(1L, (long) SMALL_SHOP.customers());
              assertThat(order.orderedAt())
                  .isAfterOrEqualTo(rows.customer(order.customerId()).createdAt());
            });
  }

  @Test
  void ordersFollowTheirIdsThroughTheHistoryInUtc() {
    List<OrderRow> orders = rows.orders().toList();

    assertThat(orders.get(0).orderedAt()).isAfterOrEqualTo(ShopRows.START);
    assertThat(orders.get(orders.size() - 1).orderedAt()).isBefore(END_OF_HISTORY);
    assertThat(orders.stream().map(OrderRow::orderedAt))
        .isSortedAccordingTo(OffsetDateTime::compareTo);
    assertThat(orders)
        .allSatisfy(o -> assertThat(o.orderedAt().getOffset()).isEqualTo(ZoneOffset.UTC));
  }

  @Test
  void mostHistoricalOrdersHaveShippedAndAFewWereCancelled() {
    Map<String, Long> byStatus =
        rows.orders().collect(Collectors.groupingBy(OrderRow::status, Collectors.counting()));
    long orders = SMALL_SHOP.orders();

    assertThat(byStatus.keySet()).containsExactlyInAnyOrderElementsOf(OrderRow.STATUSES);
    assertThat(byStatus.get(OrderRow.SHIPPED)).isGreaterThan(orders * 7 / 10);
    assertThat(byStatus.get(OrderRow.CANCELLED)).isLessThan(orders / 10);
  }

  @Test
  void pricesAreWholeCentsWithinTheShopsRange() {
    assertThat(rows.products())
        .allSatisfy(
            p -> {
              assertThat(p.unitPrice().scale()).isEqualTo(2);
              assertThat(p.unitPrice()).isBetween(ShopRows.MIN_PRICE, ShopRows.MAX_PRICE);
            });
    assertThat(ShopRows.MIN_PRICE).isEqualByComparingTo(new BigDecimal("0.99"));
    assertThat(ShopRows.MAX_PRICE).isEqualByComparingTo(new BigDecimal("499.99"));
  }

  @Test
  void customersHaveUniqueEmailsAndKnownCountries() {
    List<CustomerRow> customers = rows.customers().toList();

    assertThat(customers.stream().map(CustomerRow::email)).doesNotHaveDuplicates();
    assertThat(customers.stream().map(CustomerRow::country))
        .allMatch(Vocabulary.COUNTRIES::contains);
    assertThat(customers)
        .allSatisfy(
            c -> {
              assertThat(c.createdAt()).isBetween(ShopRows.START, END_OF_HISTORY);
              assertThat(c.email()).endsWith("." + c.customerId() + "@example.com");
            });
  }

  @Test
  void skusAreUnique() {
    assertThat(rows.products().map(ProductRow::sku)).doesNotHaveDuplicates();
  }

  @Test
  void aShopWithOneOfEachStillAgrees() {
    ShopRows tiny = new ShopRows(SEED, new ShopSize(1, 1, 1));

    OrderRow order = tiny.order(1);
    assertThat(order.customerId()).isEqualTo(1);
    assertThat(tiny.lines(1))
        .singleElement()
        .satisfies(line -> assertThat(line.unitPrice()).isEqualTo(tiny.product(1).unitPrice()));
  }

  @Test
  void idsOutsideTheShopAreRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> rows.order(SMALL_SHOP.orders() + 1))
        .withMessage("orderId must be between 1 and 2000, got 2001");
    assertThatIllegalArgumentException().isThrownBy(() -> rows.customer(0));
    assertThatIllegalArgumentException().isThrownBy(() -> rows.product(-1));
  }

  @Test
  void theLargestShopsTimestampsDoNotOverflow() {
    ShopRows largest = new ShopRows(SEED, new ShopSize(10_000_000, 1_000_000, 100_000_000));

    OrderRow last = largest.order(100_000_000);
    assertThat(last.orderedAt()).isBetween(ShopRows.START, END_OF_HISTORY);
    assertThat(largest.customer(last.customerId()).createdAt()).isBeforeOrEqualTo(last.orderedAt());
    assertThat(largest.customer(10_000_000).createdAt())
        .isBefore(ShopRows.START.plus(ShopRows.SIGNUP_PERIOD));
  }

  private static List<Long> range(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> (long) i).toList();
  }
}
