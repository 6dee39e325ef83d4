package lab.cli;

import java.nio.file.Files;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import lab.services.LocalLab;
import lab.services.ServiceStatus;
import lab.verify.WarehouseReader;
import lab.warehouse.schema.Freshness;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code lab status}: each service and program, its address and health. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show services, programs and their health.")
final class StatusCommand implements Callable<Integer> {

  @ParentCommand LabCommand lab;

  @Override
  public Integer call() {
    LocalLab local = new LocalLab(lab.settings());
    List<ServiceStatus> all = local.status();
    System.out.printf("%-9s %-13s %-8s %-45s %s%n", "SERVICE", "STATE", "PID", "ADDRESS", "DETAIL");
    for (ServiceStatus s : all) {
      System.out.printf(
          "%-9s %-13s %-8s %-45s %s%n",
          s.name(),
          s.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
          s.pid() < 0 ? "-" : Long.toString(s.pid()),
          s.address(),
          s.detail());
    }
    System.out.println("home: " + local.settings().home());
    warehouse(local);
    return 0;
  }

  /** The recent past that lab status reports freshness over. */
  private static final Duration FRESHNESS_WINDOW = Duration.ofMinutes(1);

  /** What the ETL has applied so far, how fresh it is, and what it had to set aside. */
  private static void warehouse(LocalLab local) {
    boolean etlRunning = local.pipeline().etl().isPresent();
    if (!Files.exists(
        etlRunning ? local.settings().warehouseSnapshot() : local.settings().warehouseFile())) {
      System.out.println("warehouse: none yet");
      return;
    }
    try (WarehouseReader.Opened wh = WarehouseReader.open(local.settings(), etlRunning);
        Statement s = wh.connection().createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT count(*), coalesce(sum(events), 0), coalesce(sum(duplicates + stale), 0),"
                  + " max(applied_at) FROM etl_batch_ledger")) {
        rs.next();
        System.out.printf(
            "warehouse: %d batches, %d change records, %d re-deliveries absorbed, last batch %s"
                + " (%s)%n",
            rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getObject(4), wh.source());
      }
      Freshness.lately(wh.connection(), FRESHNESS_WINDOW)
          .ifPresent(
              f ->
                  System.out.printf(
                      "freshness: shop commit -> warehouse, the last %d s of batches: %,d changes"
                          + " (%,.0f/s); %s (snapshot readers: plus the snapshot's age)%n",
                      FRESHNESS_WINDOW.toSeconds(),
                      f.changes(),
                      f.changesPerSecond(),
                      f.percentiles()));
      try (ResultSet rs =
          s.executeQuery(
              "SELECT reason, count(*) FROM dead_letter GROUP BY reason ORDER BY 2 DESC")) {
        boolean any = false;
        while (rs.next()) {
          any = true;
          System.out.printf("dead letters: %6d  %s%n", rs.getLong(2), rs.getString(1));
        }
        if (!any) {
          System.out.println("dead letters: none");
        }
      }
    } catch (SQLException | RuntimeException e) {
      String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      System.out.println(
          "warehouse: cannot read it ("
              + reason
              + "); a warehouse from an older build is rebuilt by ./lab demo");
    }
  }
}
