package lab.exercise;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lab.exercise.data.CourseData;

/**
 * The course: its labs in order, from the ordered course file {@code labs/course.yaml}. A lab that
 * is written has a folder {@code labs/NN-name/}; the others are listed as planned.
 */
public record Course(Path labsDir, List<Lab> labs) {

  public static final String FILE = "course.yaml";

  public Course {
    labs = List.copyOf(labs);
  }

  /** One entry of the course file. */
  record Entry(
      @JsonProperty(required = true) int number,
      @JsonProperty(required = true) String name,
      @JsonProperty(required = true) String title,
      String kind,
      String step,
      @JsonProperty("class") String className,
      String file,
      String table,
      Integer minutes,
      String typicalCheck,
      String delivery) {}

  record File(@JsonProperty(required = true) List<Entry> labs) {}

  /** Reads the course file in {@code labsDir}; a lab numbered out of order is refused. */
  public static Course load(Path labsDir) {
    Path file = labsDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new CourseException(
          "the course file "
              + file
              + " is missing; run the lab from the project's folder (./lab exercise list)");
    }
    File parsed;
    try {
      parsed =
          new ObjectMapper(new YAMLFactory())
              .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
              .readValue(file.toFile(), File.class);
    } catch (IOException e) {
      throw new CourseException("cannot read the course file " + file + ": " + e.getMessage());
    }
    List<Lab> labs = new ArrayList<>();
    for (Entry e : parsed.labs()) {
      if (e.number() != labs.size() + 1) {
        throw new CourseException(
            file
                + ": lab "
                + e.name()
                + " is numbered "
                + e.number()
                + ", expected "
                + (labs.size() + 1));
      }
      Lab.Kind kind = e.kind() == null ? Lab.Kind.PLANNED : Lab.Kind.named(e.kind());
      String seam =
          switch (kind) {
            case PLANNED -> null;
            case STAR_STEP -> required(file, e, "step", e.step());
            case JAVA_CLASS -> required(file, e, "class", e.className());
            case MERGE -> required(file, e, "table", e.table());
            case QUERIES -> required(file, e, "file", e.file());
          };
      labs.add(
          new Lab(
              e.number(),
              e.name(),
              e.title(),
              kind,
              seam,
              e.minutes() == null ? 0 : e.minutes(),
              e.typicalCheck(),
              e.delivery() == null ? CourseData.Delivery.ONE_BATCH : delivery(file, e.delivery()),
              labsDir.resolve(String.format("%02d-%s", e.number(), e.name()))));
    }
    return new Course(labsDir, labs);
  }

  private static String required(Path file, Entry e, String key, String value) {
    if (value == null || value.isBlank()) {
      throw new CourseException(
          file + ": lab " + e.name() + " of kind " + e.kind() + " needs '" + key + ":'");
    }
    return value;
  }

  private static CourseData.Delivery delivery(Path file, String name) {
    try {
      return CourseData.Delivery.named(name);
    } catch (IllegalArgumentException e) {
      throw new CourseException(file + ": " + e.getMessage());
    }
  }

  /** Lab {@code number}, or a message that lists the labs there are. */
  public Lab lab(int number) {
    if (number < 1 || number > labs.size()) {
      throw new CourseException(
          "there is no lab "
              + number
              + "; the course has labs 1 to "
              + labs.size()
              + " (./lab exercise list)");
    }
    return labs.get(number - 1);
  }

  /** The labs a student can do today. */
  public List<Lab> written() {
    return labs.stream().filter(Lab::written).toList();
  }

  /** The first written lab in order that has not passed. */
  public Optional<Lab> next(Progress progress) {
    return written().stream().filter(l -> !progress.passed(l)).findFirst();
  }
}
