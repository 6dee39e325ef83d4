package lab.shop.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ShopRowsTest {

  private static final ShopSize SMALL_SHOP = new ShopSize(2_000, 200, 20_000);
  private static final long SEED = 42;

  private final ShopRows realistic = new ShopRows(SEED, SMALL_SHOP, ShopProfile.REALISTIC);
  private final ShopRows clean = new ShopRows(SEED, SMALL_SHOP, ShopProfile.CLEAN);
  private final List<OrderHistory> orders = realistic.orders().toList();

  @Test
  void theSameSeedSizeAndProfileGiveTheSameRows() {
    ShopRows again = new ShopRows(SEED, SMALL_SHOP, ShopProfile.REALISTIC);

    assertThat(again.customers().toList()).isEqualTo(realistic.customers().toList());
    assertThat(again.products().toList()).isEqualTo(realistic.products().toList());
    assertThat(again.orders().toList()).isEqualTo(orders);
    assertThat(again.crmImports().toList()).isEqualTo(realistic.crmImports().toList());
  }

  @Test
  void anotherSeedGivesOtherRows() {
    ShopRows other = new ShopRows(SEED + 1, SMALL_SHOP, ShopProfile.REALISTIC);

    assertThat(other.customers().toList()).isNotEqualTo(realistic.customers().toList());
    assertThat(other.orders().limit(100).toList()).isNotEqualTo(orders.subList(0, 100));
  }

  @Test
  void aRowLookedUpByIdEqualsTheStreamedRowInWhateverOrderItIsAskedFor() {
    List<OrderHistory> backwards = new ArrayList<>();
    for (long id = SMALL_SHOP.orders(); id >= 1; id--) {
      backwards.add(realistic.order(id));
    }
    Collections.reverse(backwards);

    assertThat(backwards).isEqualTo(orders);
  }

  @Test
  void everyLineSellsAnExistingProductAtItsListPriceWhenOrderedInTheOrdersCurrency() {
    for (OrderHistory h : orders) {
      BigDecimal rate = Vocabulary.LIST_RATES.get(h.order().currency());
      for (OrderLineRow line : h.lines()) {
        ProductRow product = realistic.product(line.productId());
        assertThat(line.unitPrice())
            .isEqualTo(
                product
                    .priceAt(h.order().orderedAt())
                    .multiply(rate)
                    .setScale(2, RoundingMode.HALF_EVEN));
      }
    }
  }

  @Test
  void ordersHaveOneToSevenDistinctLinesNumberedFromOneAboutFourOnAverage() {
    for (OrderHistory h : orders) {
      assertThat(h.lines()).hasSizeBetween(1, 7);
      assertThat(h.lines().stream().map(OrderLineRow::lineNo))
          .containsExactlyElementsOf(
              java.util.stream.IntStream.rangeClosed(1, h.lines().size()).boxed().toList());
      assertThat(h.lines().stream().map(OrderLineRow::productId)).doesNotHaveDuplicates();
    }
    double average = orders.stream().mapToInt(h -> h.lines().size()).average().orElseThrow();
    assertThat(average).isBetween(3.6, 4.1);
  }

  @Test
  void ordersFollowTheirIdsThroughTheHistoryInUtc() {
    for (int i = 1; i < orders.size(); i++) {
      assertThat(orders.get(i).order().orderedAt())
          .isAfterOrEqualTo(orders.get(i - 1).order().orderedAt());
    }
    assertThat(orders.get(0).order().orderedAt()).isAfterOrEqualTo(ShopRows.START);
    assertThat(orders.get(orders.size() - 1).order().orderedAt()).isBefore(ShopRows.END);
    assertThat(orders)
        .allSatisfy(h -> assertThat(h.order().orderedAt().getOffset()).isEqualTo(ZoneOffset.UTC));
  }

  @Test
  void everyOrderOfACustomerComesAfterTheSignUpAndBeforeChurn() {
    for (OrderHistory h : orders) {
      Long customerId = h.order().customerId();
      if (customerId != null) {
        CustomerRow customer = realistic.customer(customerId);
        assertThat(customer.createdAt()).isBeforeOrEqualTo(h.order().orderedAt());
        long placed = ShopRows.millisOf(h.order().orderedAt());
        // The newest customer is the fallback and may be past churn; everyone else is active.
        if (realistic.churn(customerId).atMillis() <= placed) {
          assertThat(customer.erased()).isFalse();
        }
      }
    }
  }

  @Test
  void december_andSaturdays_sellMoreThanJune_andTuesdays() {
    Map<Month, Long> byMonth = countBy(h -> h.order().orderedAt().getMonth());
    Map<DayOfWeek, Long> byDay = countBy(h -> h.order().orderedAt().getDayOfWeek());

    assertThat(byMonth.get(Month.DECEMBER)).isGreaterThan(byMonth.get(Month.JUNE) * 13 / 10);
    assertThat(byDay.get(DayOfWeek.SATURDAY)).isGreaterThan(byDay.get(DayOfWeek.TUESDAY) * 12 / 10);
  }

  @Test
  void popularProductsSellMuchMoreThanTheRest_andSkewZeroIsFlat() {
    assertThat(topShare(realistic, 10)).isGreaterThan(0.25);
    ShopRows flat = new ShopRows(SEED, SMALL_SHOP, ShopProfile.REALISTIC.withSkews(0, 0));
    assertThat(topShare(flat, 10)).isLessThan(0.08);
  }

  @Test
  void theLifecycleIsConsistentWithTheRowsAnOrderOwns() {
    for (OrderHistory h : orders) {
      OrderRow o = h.order();
      BigDecimal total =
          h.lines().stream()
              .map(l -> l.netAmount(l.quantity()))
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      h.payment().ifPresent(p -> assertThat(p.amount()).isEqualTo(total));
      switch (o.status()) {
        case OrderRow.PLACED -> assertThat(h.payment()).isEmpty();
        case OrderRow.PAID -> assertThat(h.payment()).isPresent();
        case OrderRow.SHIPPED ->
            assertThat(h.shipment()).hasValueSatisfying(s -> assertThat(s.deliveredAt()).isNull());
        case OrderRow.DELIVERED, OrderRow.RETURNED -> {
          assertThat(h.payment()).isPresent();
          assertThat(h.shipment().isPresent()).isEqualTo(o.channelId() != OrderRow.STORE);
        }
        case OrderRow.CANCELLED -> {
          assertThat(h.shipment()).isEmpty();
          h.payment().ifPresent(p -> assertThat(p.status()).isEqualTo("refunded"));
        }
        default -> throw new AssertionError(o.status());
      }
      assertThat(h.returns().isEmpty()).isEqualTo(!o.status().equals(OrderRow.RETURNED));
      assertThat(o.updatedAt()).isAfterOrEqualTo(o.orderedAt()).isBeforeOrEqualTo(ShopRows.END);
    }
    Map<String, Long> byStatus = countBy(h -> h.order().status());
    assertThat(byStatus.get(OrderRow.DELIVERED)).isGreaterThan(orders.size() * 7L / 10);
    assertThat(byStatus)
        .containsKeys(OrderRow.CANCELLED, OrderRow.RETURNED, OrderRow.PAID, OrderRow.SHIPPED);
  }

  @Test
  void theCleanProfileHasTidyValuesEverywhere() {
    List<CustomerRow> customers = clean.customers().toList();
    assertThat(customers)
        .allSatisfy(
            c -> {
              assertThat(c.email()).isEqualTo(c.email().trim().toLowerCase(java.util.Locale.ROOT));
              if (!c.erased()) {
                assertThat(c.phone()).matches("\\+\\d{8,15}");
              }
            });
    assertThat(customers.stream().flatMap(c -> clean.addresses(c.customerId()).stream()))
        .allSatisfy(a -> assertThat(a.country()).matches("[A-Z]{2}"));
    assertThat(clean.orders())
        .allSatisfy(
            h -> {
              assertThat(h.order().customerId()).isNotNull();
              h.payment().ifPresent(p -> assertThat(p.currencyCode()).matches("[A-Z]{3}"));
            });
    assertThat(clean.crmImports()).isEmpty();
    assertThat(clean.products()).allSatisfy(p -> assertThat(p.categoryId()).isNotNull());
  }

  @Test
  void theRealisticProfileHasEveryKindOfMess() {
    List<CustomerRow> customers = realistic.customers().toList();
    assertThat(customers).anySatisfy(c -> assertThat(c.phone()).isNull());
    assertThat(customers).anySatisfy(c -> assertThat(c.email()).isNotEqualTo(c.email().trim()));
    assertThat(customers)
        .anySatisfy(c -> assertThat(c.phone()).isNotNull().doesNotMatch("\\+\\d+"));
    assertThat(customers.stream().flatMap(c -> realistic.addresses(c.customerId()).stream()))
        .anySatisfy(a -> assertThat(a.country()).hasSizeGreaterThan(2));
    assertThat(realistic.products()).anySatisfy(p -> assertThat(p.categoryId()).isNull());
    assertThat(orders).anySatisfy(h -> assertThat(h.order().loyaltyCard()).isNotNull());
    assertThat(orders)
        .anySatisfy(
            h ->
                assertThat(h.payment())
                    .hasValueSatisfying(
                        p ->
                            assertThat(p.currencyCode())
                                .isNotEqualTo(
                                    p.currencyCode().toUpperCase(java.util.Locale.ROOT))));
    assertThat(realistic.crmImports()).isNotEmpty();
  }

  @Test
  void aSecondRegistrationIsTheSamePersonUnderAnotherEmail() {
    List<Long> duplicates =
        realistic
            .customers()
            .map(CustomerRow::customerId)
            .filter(id -> realistic.personOf(id) != id)
            .toList();
    assertThat(duplicates).isNotEmpty();
    for (long id : duplicates) {
      CustomerRow copy = realistic.customer(id);
      CustomerRow original = realistic.customer(realistic.personOf(id));
      if (copy.erased() || original.erased()) {
        continue;
      }
      assertThat(copy.fullName()).isEqualTo(original.fullName());
      assertThat(copy.email().trim().toLowerCase(java.util.Locale.ROOT))
          .isNotEqualTo(original.email().trim().toLowerCase(java.util.Locale.ROOT));
      assertThat(realistic.addresses(id).get(0).postcode())
          .isEqualTo(realistic.addresses(original.customerId()).get(0).postcode());
    }
  }

  @Test
  void addressesFormOneUnbrokenHistoryEndingInOneCurrentAddress_andErasureRemovesThem() {
    realistic
        .customers()
        .forEach(
            c -> {
              List<AddressRow> addresses = realistic.addresses(c.customerId());
              if (c.erased()) {
                assertThat(addresses).isEmpty();
                assertThat(c.fullName()).isEqualTo("erased");
                return;
              }
              assertThat(addresses).isNotEmpty();
              assertThat(addresses.get(0).validFrom()).isEqualTo(c.createdAt());
              assertThat(addresses.get(addresses.size() - 1).validTo()).isNull();
              for (int i = 1; i < addresses.size(); i++) {
                assertThat(addresses.get(i).validFrom()).isEqualTo(addresses.get(i - 1).validTo());
              }
            });
  }

  @Test
  void theDefaultSizeIsScaleOneHundredth_andAbsurdScalesAreRefused() {
    assertThat(ShopSize.ofScale(0.01)).isEqualTo(ShopSize.DEFAULT);
    assertThat(ShopSize.ofScale(1).orders()).isEqualTo(1_000_000);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ShopSize.ofScale(-1))
        .withMessageContaining("--scale");
    assertThatIllegalArgumentException().isThrownBy(() -> ShopSize.ofScale(1e6));
    assertThatIllegalArgumentException().isThrownBy(() -> ShopSize.ofScale(Double.NaN));
  }

  @Test
  void idsOutsideTheShopAreRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> realistic.order(SMALL_SHOP.orders() + 1))
        .withMessage("orderId must be between 1 and 20000, got 20001");
    assertThatIllegalArgumentException().isThrownBy(() -> realistic.customer(0));
    assertThatIllegalArgumentException().isThrownBy(() -> realistic.product(-1));
  }

  @Test
  void aShopWithOneOfEachStillAgrees_andTheLargestDoesNotOverflow() {
    ShopRows tiny = new ShopRows(SEED, new ShopSize(1, 1, 1));
    assertThat(tiny.order(1).lines())
        .singleElement()
        .satisfies(l -> assertThat(l.productId()).isEqualTo(1));

    ShopRows largest = new ShopRows(SEED, new ShopSize(10_000_000, 1_000_000, 100_000_000));
    OrderHistory last = largest.order(100_000_000);
    assertThat(last.order().orderedAt()).isBetween(ShopRows.START, ShopRows.END);
  }

  private <K> Map<K, Long> countBy(Function<OrderHistory, K> key) {
    return orders.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }

  private static double topShare(ShopRows shop, int top) {
    Map<Long, Long> lines =
        shop.orders()
            .flatMap(h -> h.lines().stream())
            .collect(Collectors.groupingBy(OrderLineRow::productId, Collectors.counting()));
    long total = lines.values().stream().mapToLong(Long::longValue).sum();
    long head =
        lines.values().stream()
            .sorted(Collections.reverseOrder())
            .limit(top)
            .mapToLong(Long::longValue)
            .sum();
    return (double) head / total;
  }
}
