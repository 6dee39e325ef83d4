package lab.cli;

import java.util.List;
import java.util.concurrent.Callable;
import lab.services.LocalLab;
import lab.services.ServiceStatus;
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
    return 0;
  }
}
