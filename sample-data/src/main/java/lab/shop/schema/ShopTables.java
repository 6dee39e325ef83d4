package lab.shop.schema;

import java.util.List;
import lab.shop.contract.ShopContract;

/**
 * The shop's tables in the roles the generator gives them; the tables themselves are the
 * contract's.
 */
public final class ShopTables {

  /** Every table, parents before children, so a copy in this order finds every referenced row. */
  public static final List<String> ALL = ShopContract.names();

  /** Tables the migrations fill with reference data; a seed or a reset leaves them alone. */
  public static final List<String> REFERENCE = List.of("currencies", "sales_channels");

  /** Every table a seed writes: all but the reference data, parents first. */
  public static final List<String> SEEDED =
      ALL.stream().filter(t -> !REFERENCE.contains(t)).toList();

  private ShopTables() {}
}
