package lab.warehouse.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The warehouse file, its checkpoints and the readers' copy of it.
 *
 * <p>The sink checkpoints itself instead of leaving it to DuckDB: after a commit that left more
 * than {@code -Dlab.warehouse.checkpoint-mb} (default 16, DuckDB's own default) in the WAL, and
 * before each snapshot. Between checkpoints DuckDB writes a commit to the WAL and, for large
 * inserts, into blocks of the file that the last checkpoint does not use; only a checkpoint
 * rewrites what a reader of the file would read. So the snapshot's copy of the file can run while
 * the next batches commit, as long as no checkpoint runs during the copy ({@code fileLock}).
 */
final class SnapshotFile {

  /** How a snapshot copies the file: {@link Files#copy}, or a test's copy that pauses midway. */
  interface FileCopy {
    void copy(Path from, Path to) throws IOException;
  }

  static final FileCopy PLAIN_COPY =
      (from, to) -> Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);

  private final Path file;
  private final Path wal;
  private final long checkpointBytes;
  private final FileCopy fileCopy;

  /**
   * Held while the file is rewritten (a checkpoint, closing) and while a snapshot copies it. Taken
   * inside the sink's monitor or alone, never the other way round.
   */
  private final Object fileLock = new Object();

  /**
   * The file, checkpointed once the WAL passes {@code checkpointMb}; 0 checkpoints every commit.
   */
  SnapshotFile(Path file, long checkpointMb, FileCopy fileCopy) {
    this.file = file;
    this.wal = file.resolveSibling(file.getFileName() + ".wal");
    this.checkpointBytes = checkpointMb << 20;
    this.fileCopy = fileCopy;
  }

  /** Moves the WAL into the file; a snapshot's copy waits for it and it waits for a copy. */
  void checkpoint(Connection connection) throws SQLException {
    synchronized (fileLock) {
      try (Statement s = connection.createStatement()) {
        s.execute("CHECKPOINT");
      }
      connection.commit();
    }
  }

  /** Checkpoints when the WAL has grown past the threshold. */
  void checkpointIfDue(Connection connection) throws SQLException {
    long walBytes;
    try {
      walBytes = Files.exists(wal) ? Files.size(wal) : 0;
    } catch (IOException e) {
      throw new SQLException("cannot read the size of the warehouse's WAL " + wal, e);
    }
    if (walBytes > checkpointBytes || checkpointBytes == 0) {
      checkpoint(connection);
    }
  }

  /**
   * Copies the file beside the target, then renames the copy over it atomically, so a reader never
   * sees a half-written file; no checkpoint runs meanwhile.
   */
  void copyTo(Path target) throws SQLException {
    synchronized (fileLock) {
      try {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        fileCopy.copy(file, tmp);
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new SQLException("cannot publish the warehouse snapshot to " + target, e);
      }
    }
  }

  /** Closes the connection, which checkpoints, never while a snapshot is being copied. */
  void close(Connection connection) throws SQLException {
    synchronized (fileLock) {
      connection.close();
    }
  }
}
