package dev.bluegreen.e2e;

import dev.bluegreen.contracts.TopicReplication;
import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.testkit.CatalogTopics;
import dev.bluegreen.testkit.Deadline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft cluster of N nodes, each a combined broker and controller running as its own JVM ({@code
 * kafka.Kafka}, the same main class the local run starts), on free ports, with a static controller
 * quorum of all N. Each node can be killed with SIGKILL (a crash: no controlled shutdown, no
 * leadership handed over) and started again on its ports with its data, while the others keep
 * serving: with three nodes, one may be down and the quorum and every partition with two in-sync
 * replicas live on.
 *
 * <p>Every catalog topic is created with the {@link TopicReplication} it is started with, which
 * also sets the broker's own topics (offsets, transaction state) and its defaults. The nodes die
 * with the JVM that started them ({@link ChildJvm}).
 */
public final class KafkaNodes implements AutoCloseable {

  private static final String HEAP = "-Xmx256m";
  private static final Duration READY_WITHIN = Duration.ofSeconds(90);

  private final List<KafkaNode> nodes;
  private final TopicReplication replication;
  private final Path dataRoot;

  /** The harness's own admin client, for the whole life of the cluster (see {@link #admin()}). */
  private Admin admin;

  private KafkaNodes(List<KafkaNode> nodes, TopicReplication replication, Path dataRoot) {
    this.nodes = nodes;
    this.replication = replication;
    this.dataRoot = dataRoot;
  }

  /**
   * Formats and starts {@code count} nodes with data under {@code dataRoot} and logs in {@code
   * logDir} ({@code kafka-<id>.log}), waits until every one serves clients, and creates {@code
   * topics} with {@code replication}.
   */
  public static KafkaNodes start(
      int count, TopicReplication replication, List<TopicSpec> topics, Path dataRoot, Path logDir) {
    if (replication.replicationFactor() > count) {
      throw new IllegalArgumentException(count + " nodes cannot hold " + replication);
    }
    List<int[]> ports = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ports.add(new int[] {freePort(), freePort()});
    }
    String voters =
        IntStream.range(0, count)
            .mapToObj(i -> (i + 1) + "@localhost:" + ports.get(i)[1])
            .collect(Collectors.joining(","));
    String clusterId = Uuid.randomUuid().toString();
    List<KafkaNode> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int id = i + 1;
      Path data = dataRoot.resolve("node-" + id);
      nodes.add(new KafkaNode(id, ports.get(i)[0], data, logDir.resolve("kafka-" + id + ".log")));
      nodes.get(i).writeConfig(nodeConfig(id, ports.get(i), voters, data, replication));
    }
    KafkaNodes cluster = new KafkaNodes(nodes, replication, dataRoot);
    try {
      nodes.parallelStream().forEach(n -> n.format(clusterId));
      nodes.forEach(KafkaNode::launch);
      cluster.awaitBrokers(count);
      CatalogTopics.create(cluster.sharedAdmin(), topics, replication);
      return cluster;
    } catch (RuntimeException | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * Node {@code id}'s server.properties: a combined broker and controller, client listener {@code
   * ports[0]}, controller listener {@code ports[1]}.
   */
  private static Map<String, String> nodeConfig(
      int id, int[] ports, String voters, Path data, TopicReplication replication) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("process.roles", "broker,controller");
    config.put("node.id", Integer.toString(id));
    config.put(
        "listeners", "PLAINTEXT://localhost:" + ports[0] + ",CONTROLLER://localhost:" + ports[1]);
    config.put("advertised.listeners", "PLAINTEXT://localhost:" + ports[0]);
    config.put("controller.listener.names", "CONTROLLER");
    config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    config.put("inter.broker.listener.name", "PLAINTEXT");
    config.put("controller.quorum.voters", voters);
    config.put("log.dirs", data.toAbsolutePath().toString());
    config.put("num.partitions", "6");
    config.put("offsets.topic.num.partitions", "6");
    config.put("transaction.state.log.num.partitions", "6");
    config.putAll(replication.brokerConfigs());
    config.put("unclean.leader.election.enable", "false");
    config.put("auto.create.topics.enable", "false");
    config.put("group.initial.rebalance.delay.ms", "0");
    // A crashed broker is fenced (its partitions led elsewhere) once it misses heartbeats for
    // this long: 9 s by default, shortened so the test waits less for the failover.
    config.put("broker.session.timeout.ms", "4000");
    config.put("broker.heartbeat.interval.ms", "1000");
    return config;
  }

  /** Every node's client listener, e.g. {@code localhost:41001,localhost:41003,...}. */
  public String bootstrapServers() {
    return nodes.stream().map(n -> "localhost:" + n.port).collect(Collectors.joining(","));
  }

  public TopicReplication replication() {
    return replication;
  }

  /** A new admin client for the cluster; close it. */
  public Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    // Short per-request timeouts: a request to a killed node fails over to another one quickly.
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    return Admin.create(props);
  }

  /** One admin client for the harness's own look-ups: each new one logs its whole configuration. */
  private synchronized Admin sharedAdmin() {
    if (admin == null) {
      admin = admin();
    }
    return admin;
  }

  /** The node id of the current leader of {@code topic}'s partition {@code partition}. */
  public int leaderOf(String topic, int partition) {
    try {
      TopicDescription description =
          sharedAdmin().describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      Node leader = description.partitions().get(partition).leader();
      if (leader == null) {
        throw new IllegalStateException(topic + "-" + partition + " has no leader");
      }
      return leader.id();
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not describe " + topic, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** {@code topic}'s partitions as the cluster describes them now. */
  public List<TopicPartitionInfo> partitionsOf(String topic) {
    try {
      return sharedAdmin()
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get()
          .get(topic)
          .partitions();
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not describe " + topic, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** SIGKILLs node {@code id} (1-based): a crash. Returns once the process is gone. */
  public void kill(int id) {
    node(id).kill();
  }

  /**
   * Starts node {@code id} again on its ports with its data, and waits until the cluster has all
   * its brokers again.
   */
  public void restart(int id) {
    restart(List.of(id));
  }

  /**
   * Starts these nodes again on their ports with their data, all before waiting (two of three down
   * have no controller quorum: neither comes up alone), and waits until each of them answers
   * clients itself and the cluster has all its brokers again. (The others may still list a node
   * that died moments ago: asking them alone would not wait for it.)
   */
  public void restart(List<Integer> ids) {
    ids.forEach(id -> node(id).launch());
    for (int id : ids) {
      awaitServing(node(id));
    }
    awaitBrokers(nodes.size());
  }

  /** Waits until {@code node}'s own listener answers a cluster description that names it. */
  private static void awaitServing(KafkaNode node) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + node.port);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    Deadline deadline = Deadline.in(READY_WITHIN);
    try (Admin alone = Admin.create(props)) {
      while (true) {
        node.assertNotExited();
        try {
          // A node names itself once it is registered, which needs the controller quorum.
          if (alone.describeCluster().nodes().get(3, TimeUnit.SECONDS).stream()
              .anyMatch(n -> n.id() == node.id)) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          // not up yet: ask again
        }
        deadline.check("Kafka node " + node.id + " to serve clients (log: " + node.log + ")");
        deadline.pause();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** How many nodes the cluster has, running or not. */
  public int size() {
    return nodes.size();
  }

  /** The node ids whose process runs. */
  public List<Integer> running() {
    return nodes.stream().filter(KafkaNode::alive).map(n -> n.id).toList();
  }

  private KafkaNode node(int id) {
    if (id < 1 || id > nodes.size()) {
      throw new IllegalArgumentException("no node " + id);
    }
    return nodes.get(id - 1);
  }

  private void awaitBrokers(int count) {
    Deadline deadline = Deadline.in(READY_WITHIN);
    while (true) {
      for (KafkaNode node : nodes) {
        node.assertNotExited();
      }
      if (brokersSeen() >= count) {
        return;
      }
      deadline.check(count + " Kafka brokers to serve clients (logs: " + nodes.get(0).log + ")");
      deadline.pause();
    }
  }

  private int brokersSeen() {
    try {
      return sharedAdmin().describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
    } catch (ExecutionException | TimeoutException e) {
      return 0; // not up yet, or a node that was asked has just died: ask again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Stops every node (SIGTERM, then SIGKILL after ten seconds) and deletes their data. */
  @Override
  public void close() {
    synchronized (this) {
      if (admin != null) {
        admin.close(Duration.ofSeconds(5));
      }
    }
    // All at once: each node's controlled shutdown waits for the others a while.
    List<Thread> stopping = new ArrayList<>();
    for (KafkaNode node : nodes) {
      Thread t = new Thread(node::stop, "stop-kafka-" + node.id);
      t.start();
      stopping.add(t);
    }
    for (Thread t : stopping) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    deleteRecursively(dataRoot);
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + root, e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One combined broker and controller: its ports, data, configuration file and process. */
  private static final class KafkaNode {
    private final int id;
    private final int port;
    private final Path data;
    private final Path log;
    private final Path config;
    private Process process;

    KafkaNode(int id, int port, Path data, Path log) {
      this.id = id;
      this.port = port;
      this.data = data;
      this.log = log;
      this.config = data.resolveSibling("node-" + id + ".properties");
    }

    void writeConfig(Map<String, String> settings) {
      try {
        Files.createDirectories(data);
        String text =
            settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(config, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Formats the storage with the cluster's id, as {@code bin/local-kafka} does. */
    void format(String clusterId) {
      Process formatting =
          ChildJvm.forE2e()
              .start(
                  jvm(
                      "kafka.tools.StorageTool",
                      "format",
                      "--config",
                      config.toString(),
                      "--cluster-id",
                      clusterId,
                      "--ignore-formatted"),
                  log);
      try {
        if (!formatting.waitFor(READY_WITHIN.toSeconds(), TimeUnit.SECONDS)
            || formatting.exitValue() != 0) {
          formatting.destroyForcibly();
          throw new IllegalStateException("could not format Kafka node " + id + "; see " + log);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      } finally {
        ChildJvm.forE2e().exited(formatting);
      }
    }

    void launch() {
      if (alive()) {
        throw new IllegalStateException("Kafka node " + id + " is still running");
      }
      process = ChildJvm.forE2e().start(jvm("kafka.Kafka", config.toString()), log);
    }

    boolean alive() {
      return process != null && process.isAlive();
    }

    void assertNotExited() {
      if (process != null && !process.isAlive()) {
        throw new AssertionError(
            "Kafka node " + id + " exited with " + process.exitValue() + "; see " + log);
      }
    }

    void kill() {
      ChildJvm.forE2e().kill(process);
    }

    void stop() {
      if (process != null) {
        ChildJvm.forE2e().stop(process);
      }
    }

    /** A JVM running {@code mainClass} from this JVM's classpath, which holds the Kafka server. */
    private static List<String> jvm(String mainClass, String... args) {
      List<String> command = new ArrayList<>();
      command.add(HEAP);
      command.add("-XX:+UseSerialGC");
      command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=info");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(mainClass);
      command.addAll(List.of(args));
      return command;
    }
  }
}
