package dev.bluegreen.e2e.chaos;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Optional;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * What a service's JVM holds live, read from outside: attaches to the process (the JDK's attach
 * API, nothing to install in the services), starts its local JMX agent, forces a full collection
 * and reads the heap every pool kept after it, and the metaspace in use.
 *
 * <p>Why: a JVM's resident memory rises as its heap's pages are first touched (the tenured space
 * fills over many minutes before a first full collection), so RSS alone cannot tell a leak from a
 * heap settling. The heap after a full collection can: it is what the service really keeps.
 *
 * <p>One probe per process; the connection stays open between samples so that the JMX threads it
 * adds to the service are there from the first sample on, not counted as growth.
 */
final class HeapProbe implements AutoCloseable {

  /**
   * The JMX client's own logger: its connection checker warns twice each time a probed service is
   * SIGKILLed, which a chaos run does on purpose. Held here, or the logger and its level could be
   * collected.
   */
  private static final java.util.logging.Logger JMX_CLIENT_LOG =
      java.util.logging.Logger.getLogger("javax.management.remote.misc");

  static {
    JMX_CLIENT_LOG.setLevel(java.util.logging.Level.SEVERE);
  }

  /** One reading: the heap live after a full collection and the metaspace in use, in bytes. */
  record Reading(long liveHeapBytes, long metaspaceBytes) {}

  private final long pid;
  private final JMXConnector connector;
  private final MemoryMXBean memory;
  private final MBeanServerConnection server;

  private HeapProbe(long pid, JMXConnector connector) throws IOException {
    this.pid = pid;
    this.connector = connector;
    this.server = connector.getMBeanServerConnection();
    this.memory =
        ManagementFactory.newPlatformMXBeanProxy(
            server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
  }

  /** Attaches to {@code pid}; empty when it cannot (gone, or not a HotSpot JVM of this user). */
  static Optional<HeapProbe> attach(long pid) {
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
      String address;
      try {
        address = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
      return Optional.of(
          new HeapProbe(pid, JMXConnectorFactory.connect(new JMXServiceURL(address))));
    } catch (Exception e) {
      System.out.println("soak: cannot attach to pid " + pid + ": " + e);
      return Optional.empty();
    }
  }

  long pid() {
    return pid;
  }

  /**
   * Forces a full collection, then reads each heap pool's usage after its last collection (eden and
   * survivors are empty after a full one; the tenured space holds what lives) and the metaspace.
   * Empty when the process has gone.
   */
  Optional<Reading> read() {
    try {
      memory.gc();
      long live = 0;
      long metaspace = 0;
      for (MemoryPoolMXBean pool :
          ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class)) {
        if (pool.getType() == MemoryType.HEAP) {
          MemoryUsage after = pool.getCollectionUsage();
          live += after != null ? after.getUsed() : pool.getUsage().getUsed();
        } else if (pool.getName().equals("Metaspace")) {
          metaspace = pool.getUsage().getUsed();
        }
      }
      return Optional.of(new Reading(live, metaspace));
    } catch (IOException | RuntimeException e) {
      // Killed between two samples: its restart is a new process with a new probe.
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    try {
      connector.close();
    } catch (IOException e) {
      // The process is gone: nothing to close.
    }
  }
}
