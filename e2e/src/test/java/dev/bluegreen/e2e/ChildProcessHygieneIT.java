package dev.bluegreen.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.testkit.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The e2e tests start JVMs; none may outlive the run that started it, however that run ends (CI
 * must never find a service of a killed run still holding a port or a broker's group). Light stub
 * JVMs stand in for the services: the mechanism is the one every service is started with.
 */
class ChildProcessHygieneIT {

  private static final Duration WITHIN = Duration.ofSeconds(30);

  private final Path registry =
      Platform.repoRoot().resolve("e2e/target/hygiene/" + UUID.randomUUID());

  @Test
  void childOfAParentKilledWithSigkill_exitsOnItsOwn() throws IOException {
    ChildJvm launcher = ChildJvm.in(registry);
    Path log = registry.resolve("parent.log");
    Process parent = launcher.start(ChildJvmStub.parentArgs(registry), log);
    long child = awaitChildPid(log);
    assertTrue(alive(child), "the parent started its child");

    launcher.kill(parent); // SIGKILL: no shutdown hook of the parent runs

    Deadline deadline = Deadline.in(WITHIN);
    while (alive(child)) {
      deadline.check("child " + child + " to exit after its parent was SIGKILLed");
      deadline.pause();
    }
  }

  @Test
  void leftoverOfADeadRun_isKilledByTheNextRun_andAChildOfALiveRunIsNot() throws IOException {
    ChildJvm launcher = ChildJvm.in(registry);
    Process ours = launcher.start(ChildJvmStub.idleArgs(), registry.resolve("ours.log"));
    Process leftover = launcher.start(ChildJvmStub.idleArgs(), registry.resolve("leftover.log"));
    try {
      // A run that has ended: a JVM that ran, and is gone.
      Process deadRun = launcher.start(ChildJvmStub.idleArgs(), registry.resolve("dead-run.log"));
      String deadRunStart =
          Long.toString(deadRun.info().startInstant().orElseThrow().toEpochMilli());
      launcher.kill(deadRun);
      // The leftover's pid file says that run started it: as if the agent had not stopped it (a
      // stopped process, or one started by an older harness).
      claimParent(leftover.pid(), deadRun.pid(), deadRunStart);

      List<Long> killed = ChildJvm.killLeftovers(registry);

      assertEquals(List.of(leftover.pid()), killed);
      assertFalse(leftover.isAlive(), "the leftover is gone");
      assertFalse(Files.exists(registry.resolve(leftover.pid() + ".pid")), "and forgotten");
      assertTrue(ours.isAlive(), "a child of a running parent is left alone");
      assertTrue(Files.exists(registry.resolve(ours.pid() + ".pid")), "and still recorded");
    } finally {
      launcher.stop(ours);
      launcher.stop(leftover);
    }
  }

  private void claimParent(long child, long parentPid, String parentStart) throws IOException {
    Path file = registry.resolve(child + ".pid");
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    p.setProperty("parentPid", Long.toString(parentPid));
    p.setProperty("parentStart", parentStart);
    try (OutputStream out = Files.newOutputStream(file)) {
      p.store(out, null);
    }
  }

  private static long awaitChildPid(Path log) throws IOException {
    Deadline deadline = Deadline.in(WITHIN);
    while (true) {
      if (Files.exists(log)) {
        for (String line : Files.readAllLines(log)) {
          if (line.startsWith("child=")) {
            return Long.parseLong(line.substring("child=".length()).trim());
          }
        }
      }
      deadline.check("the parent stub to print its child's pid in " + log);
      deadline.pause();
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
