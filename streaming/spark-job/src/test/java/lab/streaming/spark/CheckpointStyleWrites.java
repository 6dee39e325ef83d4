package lab.streaming.spark;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Writes files the way Spark's FileSystem-based checkpoint manager does (a directory, a temporary
 * file with a permission, renamed into place), through the Hadoop file system class named by the
 * first argument, under the directory named by the second. Run in a child JVM by {@link
 * NioLocalFileSystemTest}, with a PATH in which no program can be found.
 */
final class CheckpointStyleWrites {

  private CheckpointStyleWrites() {}

  public static void main(String[] args) throws Exception {
    Configuration conf = new Configuration(false);
    conf.set("fs.file.impl", args[0]);
    conf.setBoolean("fs.file.impl.disable.cache", true);
    try (FileSystem fs = FileSystem.get(URI.create("file:///"), conf)) {
      Path offsets = new Path(new Path(args[1]), "offsets");
      fs.mkdirs(offsets, new FsPermission((short) 0755));
      Path tmp = new Path(offsets, ".0.tmp");
      try (FSDataOutputStream out =
          fs.create(tmp, new FsPermission((short) 0644), false, 4096, (short) 1, 1 << 20, null)) {
        out.write("v1\n{}".getBytes(StandardCharsets.UTF_8));
      }
      if (!fs.rename(tmp, new Path(offsets, "0"))) {
        throw new IllegalStateException("rename failed");
      }
    }
  }
}
