package dev.bluegreen.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Starts JVMs that die with the process that started them, so a test run that is killed (a
 * SIGKILLed Maven or test JVM, a cancelled CI job) never leaves services running into the next one.
 * Three layers, each covering what the one before cannot:
 *
 * <ol>
 *   <li>every child runs the {@link ParentWatch} agent and exits when its stdin, held open by the
 *       parent, reaches end-of-file: that happens however the parent dies;
 *   <li>a shutdown hook kills the children still running when the parent exits normally or on
 *       SIGTERM/SIGINT (before the agent would notice);
 *   <li>each child is recorded in a pid file under the registry folder with its parent's pid and
 *       both start times; the next run kills any recorded child whose parent is gone (a child
 *       stopped with SIGSTOP, or one started by an older harness without the agent).
 * </ol>
 */
final class ChildJvm {

  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
  private static final Duration EXIT_WITHIN = Duration.ofSeconds(10);

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "kill-child-jvms"));
  }

  private static volatile ChildJvm e2e;

  private final Path registry;
  private final Path agentJar;

  private ChildJvm(Path registry) {
    this.registry = registry;
    try {
      Files.createDirectories(registry);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.agentJar = writeAgentJar(registry.resolve("parent-watch.jar"));
  }

  /**
   * The launcher of the e2e module, registry {@code e2e/target/child-processes}. The first call in
   * a JVM kills the leftovers of earlier runs.
   */
  static ChildJvm forE2e() {
    ChildJvm launcher = e2e;
    if (launcher == null) {
      synchronized (ChildJvm.class) {
        if (e2e == null) {
          e2e = in(Platform.repoRoot().resolve("e2e/target/child-processes"));
        }
        launcher = e2e;
      }
    }
    return launcher;
  }

  /** A launcher recording its children in {@code registry}, after killing its leftovers. */
  static ChildJvm in(Path registry) {
    List<Long> killed = killLeftovers(registry);
    if (!killed.isEmpty()) {
      System.err.println("e2e: killed leftover processes of an earlier run: " + killed);
    }
    return new ChildJvm(registry);
  }

  /**
   * Starts {@code java <jvmArgs>} (the same java as this JVM) with the agent, output appended to
   * {@code log}, and records it.
   */
  Process start(List<String> jvmArgs, Path log) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-javaagent:" + agentJar);
    command.addAll(jvmArgs);
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              // stdin stays a pipe (the default): its end-of-file is what ParentWatch waits for.
              .start();
      RUNNING.add(process);
      record(process, String.join(" ", jvmArgs));
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
  }

  /** Forgets a child that has exited. */
  void exited(Process process) {
    RUNNING.remove(process);
    try {
      Files.deleteIfExists(pidFile(registry, process.pid()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops a child: SIGTERM, then SIGKILL if it has not exited within ten seconds. */
  void stop(Process process) {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(EXIT_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          process.waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    exited(process);
  }

  /** SIGKILL, as a crash: no shutdown hooks, no commits. Returns once the process is gone. */
  void kill(Process process) {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    exited(process);
  }

  private void record(Process process, String what) throws IOException {
    ProcessHandle self = ProcessHandle.current();
    Properties p = new Properties();
    p.setProperty("parentPid", Long.toString(self.pid()));
    p.setProperty("parentStart", startOf(self).orElse(""));
    p.setProperty("childStart", startOf(process.toHandle()).orElse(""));
    p.setProperty("command", what.length() > 300 ? what.substring(0, 300) : what);
    try (OutputStream out = Files.newOutputStream(pidFile(registry, process.pid()))) {
      p.store(
          out, "a JVM started by the e2e tests; killed by the next run once its parent is gone");
    }
  }

  /**
   * Kills every recorded child whose parent is no longer running and deletes its pid file; returns
   * the pids killed. A pid is only killed when its start time is the recorded one, so a reused pid
   * is never hit.
   */
  static List<Long> killLeftovers(Path registry) {
    List<Long> killed = new ArrayList<>();
    if (!Files.isDirectory(registry)) {
      return killed;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(registry, "*.pid")) {
      for (Path file : files) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
          p.load(in);
        }
        if (running(Long.parseLong(p.getProperty("parentPid", "-1")), p.getProperty("parentStart"))
            .isPresent()) {
          continue; // another run that is still going: its children are its own business
        }
        long pid = Long.parseLong(file.getFileName().toString().replace(".pid", ""));
        Optional<ProcessHandle> child = running(pid, p.getProperty("childStart"));
        if (child.isPresent()) {
          child.get().destroyForcibly();
          try {
            child.get().onExit().get(EXIT_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
          } catch (Exception e) {
            throw new IllegalStateException("leftover process " + pid + " did not die", e);
          }
          killed.add(pid);
        }
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return killed;
  }

  /** The process with this pid, if it runs and started at {@code start} (when known). */
  private static Optional<ProcessHandle> running(long pid, String start) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            h -> start == null || start.isEmpty() || startOf(h).map(start::equals).orElse(true));
  }

  private static Optional<String> startOf(ProcessHandle handle) {
    return handle.info().startInstant().map(i -> Long.toString(i.toEpochMilli()));
  }

  private static Path pidFile(Path registry, long pid) {
    return registry.resolve(pid + ".pid");
  }

  /** Packs {@link ParentWatch} into an agent jar (written to a temporary file, then moved). */
  private static Path writeAgentJar(Path jar) {
    String entry = ParentWatch.class.getName().replace('.', '/') + ".class";
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", ParentWatch.class.getName());
    try (InputStream classFile = ParentWatch.class.getClassLoader().getResourceAsStream(entry)) {
      if (classFile == null) {
        throw new IllegalStateException(entry + " is not on the classpath");
      }
      Path tmp = Files.createTempFile(jar.getParent(), "parent-watch", ".tmp");
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(tmp), manifest)) {
        out.putNextEntry(new JarEntry(entry));
        classFile.transferTo(out);
        out.closeEntry();
      }
      Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + jar, e);
    }
  }
}
