package lab.exercise;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import lab.exercise.data.LiveTopics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lab exercise}: the course's command. Exit codes: 0 done (a check: every check passed), 1 a
 * check that did not pass, 2 a usage error.
 */
@Command(
    name = "lab exercise",
    mixinStandardHelpOptions = true,
    description = "The guided data-engineer labs: start one, edit one file, check it.",
    subcommands = {
      ExerciseMain.ListLabs.class,
      ExerciseMain.Start.class,
      ExerciseMain.CheckLab.class,
      ExerciseMain.Hint.class,
      ExerciseMain.Solution.class,
      ExerciseMain.Reset.class,
      ExerciseMain.Topics.class,
      ExerciseMain.ChangeLog.class
    })
public final class ExerciseMain implements Callable<Integer> {

  @Option(
      names = "--labs",
      defaultValue = "exercises/labs",
      description = "The course's folder (default: ${DEFAULT-VALUE})")
  Path labs;

  @Option(
      names = "--work",
      defaultValue = "exercises/work",
      description =
          "Your working folder: your files, progress and the course's data (default: ${DEFAULT-VALUE})")
  Path work;

  @Option(
      names = "--data",
      hidden = true,
      description = "Where the course's data is built (default: .data in the working folder)")
  Path data;

  @Spec CommandLine.Model.CommandSpec spec;

  /** Where the student's answers come from when a command asks (solution without --yes). */
  BufferedReader stdin =
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

  public static void main(String[] args) {
    System.exit(commandLine(new ExerciseMain()).execute(args));
  }

  static CommandLine commandLine(ExerciseMain main) {
    return new CommandLine(main)
        .setExecutionExceptionHandler(
            (e, cli, parsed) -> {
              if (e instanceof CourseException) {
                cli.getErr().println("error: " + e.getMessage());
                return 2;
              }
              throw e;
            });
  }

  @Override
  public Integer call() {
    return new ListLabs().list(this);
  }

  Course course() {
    return Course.load(labs);
  }

  Workspace workspace() {
    return data == null ? Workspace.in(work) : new Workspace(work, data);
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  Lab writtenLab(Course course, int number) {
    Lab lab = course.lab(number);
    if (!lab.written()) {
      throw new CourseException(
          "lab "
              + number
              + " ("
              + lab.title()
              + ") is planned but not written yet; "
              + course.written().stream().map(l -> Integer.toString(l.number())).toList()
              + " are ready (./lab exercise list)");
    }
    return lab;
  }

  String relative(Path p) {
    return Exercises.shown(p);
  }

  @Command(name = "list", description = "Every lab in order with your status, and the next one.")
  static final class ListLabs implements Callable<Integer> {
    @ParentCommand ExerciseMain main;

    @Override
    public Integer call() {
      return list(main);
    }

    int list(ExerciseMain main) {
      Course course = main.course();
      Progress progress = Progress.load(main.work);
      PrintWriter out = main.out();
      out.printf("%3s  %-44s %-32s %-30s %s%n", "#", "lab", "status", "you edit", "check");
      for (Lab lab : course.labs()) {
        String status;
        if (!lab.written()) {
          status = "planned (not written yet)";
        } else if (progress.passed(lab)) {
          status = "passed";
        } else if (progress.started(lab)) {
          String last = progress.lastResult(lab);
          status = "started" + (last == null ? "" : ": " + last);
        } else {
          status = "not started";
        }
        String time =
            !lab.written()
                ? ""
                : progress.lastCheckTime(lab) != null
                    ? progress.lastCheckTime(lab) + " s"
                    : Objects.toString(lab.typicalCheck(), "");
        out.printf(
            "%3d  %-44s %-32s %-30s %s%n",
            lab.number(), lab.title(), status, lab.written() ? lab.fileToEdit() : "", time);
      }
      out.println();
      out.println(nextLine(course, progress));
      return 0;
    }
  }

  static String nextLine(Course course, Progress progress) {
    return course
        .next(progress)
        .map(
            l ->
                "next: lab "
                    + l.number()
                    + ", "
                    + l.title()
                    + (progress.started(l)
                        ? " (./lab exercise check " + l.number() + ")"
                        : " (./lab exercise start " + l.number() + ")"))
        .orElse(
            "you have passed every lab written so far ("
                + course.written().size()
                + " of "
                + course.labs().size()
                + "); the others are planned");
  }

  @Command(name = "start", description = "Copies the lab's starting file into your working folder.")
  static final class Start implements Callable<Integer> {
    @ParentCommand ExerciseMain main;

    @Parameters(paramLabel = "N", description = "The lab's number")
    int number;

    @Override
    public Integer call() throws IOException {
      Course course = main.course();
      Lab lab = main.writtenLab(course, number);
      Workspace ws = main.workspace();
      boolean copied = ws.start(lab);
      Progress.load(main.work).markStarted(lab);
      PrintWriter out = main.out();
      out.println("lab " + lab.number() + ": " + lab.title());
      out.println(
          copied
              ? "  your file: " + main.relative(ws.file(lab)) + " (a copy of the starting file)"
              : "  your file: " + main.relative(ws.file(lab)) + " (already there: kept as it is)");
      out.println("  read:      " + main.relative(lab.readme()));
      out.println(
          "  then:      edit your file and run ./lab exercise check "
              + lab.number()
              + " (or check "
              + lab.number()
              + " --watch to re-check on every save)");
      out.println("  stuck?     ./lab exercise hint " + lab.number());
      return 0;
    }
  }

  @Command(
      name = "check",
      description = "Runs the lab's checks on your file; exit 0 when all pass.")
  static final class CheckLab implements Callable<Integer> {
    @ParentCommand ExerciseMain main;

    @Parameters(
        paramLabel = "N",
        arity = "0..1",
        description = "The lab's number (default: the next lab you have not passed)")
    Integer number;

    @Option(
        names = "--watch",
        description = "Check again each time you save the file (Ctrl-C stops)")
    boolean watch;

    @Option(
        names = "--strict",
        description =
            "Deliver the changes in random batch cuts; the star must be the same as from one batch")
    boolean strict;

    @Override
    public Integer call() throws Exception {
      Course course = main.course();
      Progress progress = Progress.load(main.work);
      Lab lab =
          number != null
              ? main.writtenLab(course, number)
              : course
                  .next(progress)
                  .orElseThrow(
                      () ->
                          new CourseException(
                              "every lab written so far has passed; name one to check it again"));
      Workspace ws = main.workspace();
      int code = once(course, lab, ws);
      if (!watch) {
        return code;
      }
      main.out()
          .println(
              "watching " + main.relative(ws.file(lab)) + ": save it to check again, Ctrl-C stops");
      main.out().flush();
      Object seen = stamp(ws.file(lab));
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(300);
        Object now = stamp(ws.file(lab));
        if (!now.equals(seen)) {
          seen = now;
          once(course, lab, ws);
        }
      }
      return code;
    }

    private int once(Course course, Lab lab, Workspace ws) throws IOException {
      if (strict && lab.kind() != Lab.Kind.STAR_STEP) {
        main.err()
            .println(
                "--strict cuts the changes into random batches for a star step; lab "
                    + lab.number()
                    + " is checked as usual");
      }
      Report report = Exercises.check(lab, ws, main.err()::println, strict);
      Progress progress = Progress.load(main.work);
      progress.record(report);
      PrintWriter out = main.out();
      out.print(report.render());
      if (report.passed()) {
        out.println(nextLine(course, progress));
      } else if (!report.notStarted()) {
        out.println("  a hint: ./lab exercise hint " + lab.number());
      }
      out.flush();
      return report.passed() ? 0 : 1;
    }

    private static Object stamp(Path file) throws IOException {
      if (!Files.exists(file)) {
        return List.of("missing");
      }
      FileTime t = Files.getLastModifiedTime(file);
      return List.of(t, Files.size(file), java.util.Arrays.hashCode(Files.readAllBytes(file)));
    }
  }

  @Command(
      name = "hint",
      description = "Shows the lab's next hint, from gentle to nearly the answer.")
  static final class Hint implements Callable<Integer> {
    @ParentCommand ExerciseMain main;

    @Parameters(paramLabel = "N", description = "The lab's number")
    int number;

    @Override
    public Integer call() {
      Lab lab = main.writtenLab(main.course(), number);
      Progress progress = Progress.load(main.work);
      List<String> hints = lab.hints();
      int next = Math.min(progress.hintsShown(lab) + 1, hints.size());
      progress.markHint(lab, next);
      PrintWriter out = main.out();
      out.println("lab " + lab.number() + ", hint " + next + " of " + hints.size() + ":");
      hints.get(next - 1).lines().forEach(l -> out.println("  " + l));
      if (next == hints.size()) {
        out.println(
            "(that was the last hint; ./lab exercise solution "
                + lab.number()
                + " shows the answer)");
      }
      return 0;
    }
  }

  @Command(
      name = "solution",
      description = "Shows the reference solution; --apply copies it into your file.")
  static final class Solution implements Callable<Integer> {
    @ParentCommand ExerciseMain main;

    @Parameters(paramLabel = "N", description = "The lab's number")
    int number;

    @Option(
        names = "--apply",
        description = "Replace your file with the solution (yours is kept as a .bak)")
    boolean apply;

    @Option(names = "--yes", description = "Do not ask first (for scripts)")
    boolean yes;

    @Override
    public Integer call() throws IOException {
      Lab lab = main.writtenLab(main.course(), number);
      Progress progress = Progress.load(main.work);
      PrintWriter out = main.out();
      if (!progress.passed(lab) && !yes) {
        out.print("lab " + lab.number() + " has not passed yet; see the solution anyway? [y/N] ");
        out.flush();
        String answer = main.stdin.readLine();
        if (answer == null) {
          throw new CourseException("no answer to the question; use --yes to skip it");
        }
        if (!answer.strip().equalsIgnoreCase("y") && !answer.strip().equalsIgnoreCase("yes")) {
          out.println("kept it hidden; ./lab exercise hint " + lab.number() + " gives a hint");
          return 0;
        }
      }
      if (apply) {
        Path backup = main.workspace().replace(lab, lab.solution());
        progress.markStarted(lab);
        out.println(
            "copied the solution to "
                + main.relative(main.workspace().file(lab))
                + (backup == null ? "" : "; yours is kept in " + main.relative(backup)));
        out.println("run ./lab exercise check " + lab.number() + " to see it pass");
      } else {
        out.println(
            lab.comment() + "the lab's own " + lab.fileToEdit() + " (the pipeline runs it)");
        out.print(lab.solution());
      }
      return 0;
    }
  }

  @Command(name = "reset", description = "Restores the starting file; yours is kept as a .bak.")
  static final class Reset implements Callable<Integer> {
    @ParentCommand ExerciseMain main;

    @Parameters(paramLabel = "N", description = "The lab's number")
    int number;

    @Override
    public Integer call() throws IOException {
      Lab lab = main.writtenLab(main.course(), number);
      Path backup =
          main.workspace().replace(lab, Files.readString(lab.startFile(), StandardCharsets.UTF_8));
      Progress.load(main.work).markStarted(lab);
      main.out()
          .println(
              "restored the starting file "
                  + main.relative(main.workspace().file(lab))
                  + (backup == null ? "" : "; yours is kept in " + main.relative(backup)));
      return 0;
    }
  }

  @Command(
      name = "topics",
      description =
          "Copies the running lab's change topics into your lab 1 folder (topics.duckdb, table"
              + " topic_records) as lab 1 reads them; --answers runs your answers.sql on them.")
  static final class Topics implements Callable<Integer> {
    /** How many rows of each answer the terminal shows. */
    static final int SHOWN = 12;

    @ParentCommand ExerciseMain main;

    @Option(
        names = "--kafka",
        defaultValue = "${sys:lab.kafka.bootstrap:-127.0.0.1:9092}",
        description = "The lab's Kafka (default: the running lab's, ${DEFAULT-VALUE})")
    String kafka;

    @Option(names = "--answers", description = "Run your answers.sql on the copy and show them")
    boolean answers;

    @Override
    public Integer call() throws IOException {
      Course course = main.course();
      Lab lab =
          course.written().stream()
              .filter(l -> l.kind() == Lab.Kind.QUERIES)
              .findFirst()
              .orElseThrow(() -> new CourseException("the course has no lab over the topics"));
      Workspace ws = main.workspace();
      Path dir = Files.createDirectories(ws.labDir(lab));
      List<AnswerChecker.Answer> mine = List.of();
      if (answers) {
        if (!Files.exists(ws.file(lab))) {
          throw new CourseException(
              "there is no answers.sql yet; ./lab exercise start " + lab.number() + " first");
        }
        try {
          mine = AnswerChecker.answers(Files.readString(ws.file(lab)), Path.of(lab.fileToEdit()));
        } catch (AnswerChecker.AnswerException e) {
          main.err().println(e.getMessage());
          return 1;
        }
      }
      Path records = dir.resolve("topics.jsonl");
      main.out().println("reading the change topics from Kafka at " + kafka + " ...");
      LiveTopics.Copied copied = LiveTopics.copy(kafka, "shop.public.", records);
      Path db = dir.resolve("topics.duckdb");
      try {
        AnswerChecker.build(db, mine, Path.of(lab.fileToEdit()), records);
      } catch (AnswerChecker.AnswerException e) {
        main.err().println(e.getMessage());
        return 1;
      } finally {
        Files.deleteIfExists(records);
      }
      main.out()
          .printf(
              "copied %,d records of %d topics into %s (table %s)%n",
              copied.records(), copied.topics(), main.relative(db), AnswerChecker.RECORDS);
      if (answers) {
        AnswerChecker.show(db, mine, SHOWN, main.out());
      } else {
        main.out()
            .println(
                "run your answers on them: ./lab exercise topics --answers (add a section"
                    + " '-- answer: <name>' to answers.sql to try any query)");
      }
      return 0;
    }
  }

  @Command(
      name = "change-log",
      description =
          "Writes the change log the exercises use: the capture's snapshot of the seeded shop and"
              + " its first morning's changes, made without a database (one JSON record a line).")
  static final class ChangeLog implements Callable<Integer> {
    @ParentCommand ExerciseMain main;

    @Option(names = "--out", required = true, description = "The file to write")
    Path out;

    @Option(
        names = "--scale",
        defaultValue = "0.01",
        description = "Shop scale (default: ${DEFAULT-VALUE})")
    double scale;

    @Option(
        names = "--seed",
        defaultValue = "42",
        description = "Generator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
      long records =
          lab.exercise.data.CourseData.writeChangeLog(
              lab.shop.gen.ShopSize.ofScale(scale), seed, out);
      main.out().println("wrote " + records + " change records to " + main.relative(out));
      return 0;
    }
  }
}
