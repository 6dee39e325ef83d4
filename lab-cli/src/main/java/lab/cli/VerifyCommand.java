package lab.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import lab.services.LabException;
import lab.services.LocalLab;
import lab.verify.Reconciler;
import lab.verify.Reconciliation;
import lab.verify.WarehouseReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code lab verify}: reconciles the OLTP shop with the warehouse; exit 1 on any difference. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Compare OLTP truth with the warehouse; exit code 1 if anything differs.")
final class VerifyCommand implements Callable<Integer> {

  @ParentCommand LabCommand lab;

  @Override
  public Integer call() throws SQLException {
    LocalLab local = new LocalLab(lab.settings());
    Console console = new Console(System.out);
    Reconciliation r = reconcile(local, console);
    print(r, console);
    return r.ok() ? 0 : 1;
  }

  /** Reconciles the shop with the warehouse (or its snapshot while the ETL holds the file). */
  static Reconciliation reconcile(LocalLab local, Console console) throws SQLException {
    boolean etlRunning = local.pipeline().etl().isPresent();
    try (Connection oltp = connectShop(local);
        WarehouseReader.Opened wh = WarehouseReader.open(local.settings(), etlRunning)) {
      console.line("  oltp:      " + local.postgres().address());
      console.line("  warehouse: " + wh.source());
      return Reconciler.reconcile(oltp, wh.connection());
    }
  }

  static Connection connectShop(LocalLab local) {
    try {
      return local.postgres().connectShop();
    } catch (SQLException e) {
      throw unreachable(local, e);
    }
  }

  /** The one message every command gives when the shop's PostgreSQL does not answer. */
  static LabException unreachable(LocalLab local, SQLException e) {
    return new LabException(
        "cannot reach PostgreSQL at "
            + local.postgres().address()
            + " ("
            + e.getMessage()
            + "); start it with ./lab up");
  }

  static void print(Reconciliation r, Console console) {
    console.line(
        String.format(
            "  %-52s %-22s %-22s %s", "CHECK", "OLTP (postgres)", "WAREHOUSE (duckdb)", ""));
    for (Reconciliation.Check c : r.checks()) {
      console.line(
          String.format(
              "  %-52s %-22s %-22s %s",
              c.name(),
              abbreviate(c.oltp()),
              abbreviate(c.warehouse()),
              c.ok() ? "ok" : "DIFFERS"));
    }
    for (String d : r.differences()) {
      console.line("  " + d);
    }
    console.line(
        r.ok()
            ? "  reconciled: the warehouse matches the OLTP shop exactly"
            : "  MISMATCH: see the differences above");
  }

  private static String abbreviate(String s) {
    return s.length() <= 22 ? s : s.substring(0, 19) + "...";
  }
}
