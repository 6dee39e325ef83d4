package lab.verify;

import java.util.List;

/**
 * The result of comparing OLTP truth with the warehouse.
 *
 * @param checks one line per comparison
 * @param differences the first orders whose content differs, described for a person
 * @param differingOrders how many orders differ in all
 */
public record Reconciliation(List<Check> checks, List<String> differences, long differingOrders) {

  /** One comparison: the same measure on both sides. */
  public record Check(String name, String oltp, String warehouse) {
    public boolean ok() {
      return oltp.equals(warehouse);
    }
  }

  public Reconciliation {
    checks = List.copyOf(checks);
    differences = List.copyOf(differences);
  }

  public boolean ok() {
    return differingOrders == 0 && checks.stream().allMatch(Check::ok);
  }

  /** The value of a named check on the warehouse side, for progress displays. */
  public String warehouseValue(String checkName) {
    return checks.stream()
        .filter(c -> c.name().equals(checkName))
        .map(Check::warehouse)
        .findFirst()
        .orElse("?");
  }

  public String oltpValue(String checkName) {
    return checks.stream()
        .filter(c -> c.name().equals(checkName))
        .map(Check::oltp)
        .findFirst()
        .orElse("?");
  }
}
