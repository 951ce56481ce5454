package dev.bluegreen.e2e.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Reads a process's resource use from Linux's {@code /proc}, from outside the process: nothing to
 * install in the services, and it works on a JVM that is busy or stuck.
 */
final class ProcFs {

  private ProcFs() {}

  /** What a process uses at one moment. */
  record Usage(long rssBytes, long threads, long fileHandles) {}

  /** Whether this machine has a {@code /proc} to read. */
  static boolean available() {
    return Files.isReadable(Path.of("/proc/self/status"));
  }

  /** The usage of process {@code pid}, empty when it is gone (killed between two samples). */
  static Optional<Usage> usage(long pid) {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      List<String> status = Files.readAllLines(proc.resolve("status"));
      OptionalLong rssKb = field(status, "VmRSS:");
      OptionalLong threads = field(status, "Threads:");
      if (rssKb.isEmpty() || threads.isEmpty()) {
        return Optional.empty(); // a zombie has no VmRSS
      }
      long handles = 0;
      try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
        for (Path ignored : fds) {
          handles++;
        }
      }
      return Optional.of(new Usage(rssKb.getAsLong() * 1024, threads.getAsLong(), handles));
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code Name: value [kB]} from a {@code status} file. */
  static OptionalLong field(List<String> status, String name) {
    for (String line : status) {
      if (line.startsWith(name)) {
        String[] parts = line.substring(name.length()).trim().split("\\s+");
        return OptionalLong.of(Long.parseLong(parts[0]));
      }
    }
    return OptionalLong.empty();
  }

  /**
   * The bytes of every file under {@code dir}; files that vanish while it is walked (RocksDB
   * deletes compacted files) count as nothing. 0 when {@code dir} does not exist yet; -1 when a
   * folder vanished under the walk (skip the sample).
   */
  static long sizeOf(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.mapToLong(ProcFs::sizeOrZero).sum();
    } catch (IOException | UncheckedIOException vanishedWhileWalked) {
      // A folder deleted under the walk (RocksDB swapping files): no figure this time.
      return -1;
    }
  }

  private static long sizeOrZero(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (IOException gone) {
      return 0;
    }
  }
}
