package dev.bluegreen.e2e.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.testkit.Deadline;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The probe reads what a real JVM keeps, not what it has committed: a child JVM with its whole heap
 * committed holds 40 MiB, then 120 MiB, and the live heap read after the forced collection follows.
 */
class HeapProbeTest {

  private static final long MIB = 1024 * 1024;

  @Test
  void theLiveHeap_isWhatTheProcessHolds_afterAFullCollection() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-Xms256m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Holder.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        OutputStream in = child.getOutputStream()) {
      hold(in, out, 40);
      try (HeapProbe probe = HeapProbe.attach(child.pid()).orElseThrow()) {
        long live = probe.read().orElseThrow().liveHeapBytes();
        assertTrue(
            live >= 40 * MIB && live < 80 * MIB,
            "holding 40 MiB of 256 committed, read " + live / MIB + " MiB live");
        hold(in, out, 80);
        long more = probe.read().orElseThrow().liveHeapBytes();
        assertTrue(
            more >= 120 * MIB && more < 160 * MIB,
            "holding 120 MiB, read " + more / MIB + " MiB live");
        assertTrue(probe.read().orElseThrow().metaspaceBytes() > 0, "metaspace in use");
      }
    } finally {
      child.destroyForcibly();
    }
    Deadline exits = Deadline.in(Duration.ofSeconds(10));
    while (child.isAlive()) {
      exits.check("the child to exit");
      exits.pause();
    }
    assertTrue(HeapProbe.attach(child.pid()).isEmpty(), "a process gone cannot be attached");
  }

  /** Asks the child to hold {@code mib} more MiB and waits for its answer. */
  private static void hold(OutputStream in, BufferedReader out, int mib) throws Exception {
    in.write((mib + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
    String answer = out.readLine();
    assertTrue(answer != null && answer.startsWith("holding"), "the child answered " + answer);
  }

  /** The child: holds 1 MiB arrays as asked on its standard input, answering each request. */
  public static final class Holder {
    public static void main(String[] args) throws Exception {
      List<byte[]> held = new ArrayList<>();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        for (int i = 0; i < Integer.parseInt(line.trim()); i++) {
          held.add(new byte[(int) MIB]);
        }
        System.out.println("holding " + held.size() + " MiB");
        System.out.flush();
      }
    }
  }
}
