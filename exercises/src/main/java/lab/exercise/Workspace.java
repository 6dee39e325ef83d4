package lab.exercise;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * The student's working folder (git-ignored): one folder a lab with the file they edit and the
 * warehouse their checks build, their progress, and the course's data. Nothing here is the lab's
 * real warehouse.
 *
 * @param data where the course's data is built, once
 */
public record Workspace(Path dir, Path data) {

  /** A working folder with the course's data inside it. */
  public static Workspace in(Path dir) {
    return new Workspace(dir, dir.resolve(".data"));
  }

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  public Path labDir(Lab lab) {
    return dir.resolve(lab.folder());
  }

  /** The student's copy of the file the lab asks them to edit. */
  public Path file(Lab lab) {
    return labDir(lab).resolve(lab.fileToEdit());
  }

  /** Where the checks build the student's warehouse. */
  public Path warehouse(Lab lab) {
    return labDir(lab).resolve("warehouse.duckdb");
  }

  /** Copies the starting file in, unless the student has one already; true if it copied. */
  public boolean start(Lab lab) throws IOException {
    Path file = file(lab);
    if (Files.exists(file)) {
      return false;
    }
    Files.createDirectories(file.getParent());
    Files.copy(lab.startFile(), file);
    return true;
  }

  /** True if the student's file is still the starting file, byte for byte. */
  public boolean untouched(Lab lab) throws IOException {
    Path file = file(lab);
    return Files.exists(file)
        && Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(lab.startFile()));
  }

  /**
   * Replaces the student's file with {@code content}, keeping theirs as {@code <file>.<time>.bak};
   * returns the backup, or null if there was nothing to keep.
   */
  public Path replace(Lab lab, String content) throws IOException {
    Path file = file(lab);
    Files.createDirectories(file.getParent());
    Path backup = null;
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (Files.exists(file) && !Arrays.equals(Files.readAllBytes(file), bytes)) {
      backup =
          file.resolveSibling(
              file.getFileName() + "." + LocalDateTime.now().format(STAMP) + ".bak");
      Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.write(file, bytes);
    return backup;
  }
}
