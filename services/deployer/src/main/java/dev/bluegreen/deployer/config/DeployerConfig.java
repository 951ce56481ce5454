package dev.bluegreen.deployer.config;

import dev.bluegreen.contracts.naming.PhysicalNames;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How the deployer works. Prefix {@code bluegreen.deployer}. */
@ConfigMapping(prefix = "bluegreen.deployer")
public interface DeployerConfig {

  /**
   * Namespace of Argo CD on the management cluster, where cluster secrets and Applications live.
   */
  @WithDefault("argocd")
  String argocdNamespace();

  /** How long green's applications may take to become Synced and Healthy. */
  @WithDefault("PT30M")
  Duration deployTimeout();

  /** How long the handover waits for Jobs started by the from-side's CronJobs to finish. */
  @WithDefault("PT30M")
  Duration runningJobsTimeout();

  /** How long deregistration waits for Argo CD to prune green's applications. */
  @WithDefault("PT10M")
  Duration pruneTimeout();

  /** Pause between two looks at something the deployer waits for. */
  @WithDefault("PT5S")
  Duration pollInterval();

  /** Name of a cluster's target group; {@code {cluster}} is replaced by the cluster's name. */
  @WithDefault(PhysicalNames.DEFAULT_TARGET_GROUP_PATTERN)
  String targetGroupName();

  /** Fewest Ready nodes green must have to pass the smoke tests. */
  @WithDefault("1")
  int minReadyNodes();

  /** The in-cluster DNS lookup of the {@code dns} smoke check. */
  DnsCheck dnsCheck();

  /**
   * A short-lived Job on green that resolves a cluster name from inside a pod: the honest evidence
   * that DNS resolves in the cluster (CoreDNS pods being Ready is not).
   */
  interface DnsCheck {
    /** Namespace the lookup Job runs in. */
    @WithDefault("default")
    String namespace();

    /**
     * Image with {@code nslookup}; pulled by green's nodes (mirror it where nodes have no
     * internet).
     */
    @WithDefault("public.ecr.aws/docker/library/busybox:1.36")
    String image();

    /** The name to resolve; the API server's own Service exists on every cluster. */
    @WithDefault("kubernetes.default.svc.cluster.local")
    String host();

    /** How long the Job may take (image pull included) before the check fails. */
    @WithDefault("PT2M")
    Duration timeout();
  }

  /** The {@code shared-resources} smoke check. */
  SharedResources sharedResources();

  /**
   * Shared resources (databases, caches) green must reach before traffic moves: one short-lived Job
   * per endpoint runs {@code nc -z} from a pod on green. No endpoints, no check.
   */
  interface SharedResources {
    /** {@code host:port} of each shared resource; empty (the default) leaves the check out. */
    Optional<List<String>> endpoints();

    /** Namespace the connection Jobs run in. */
    @WithDefault("default")
    String namespace();

    /** Image with {@code nc} (busybox's); pulled by green's nodes. */
    @WithDefault("public.ecr.aws/docker/library/busybox:1.36")
    String image();

    /** Seconds {@code nc} waits for a connection ({@code -w}). */
    @WithDefault("5")
    int connectSeconds();

    /** How long the Jobs may take (image pull included) before the check fails. */
    @WithDefault("PT2M")
    Duration timeout();
  }

  /** HTTP probes run against green, by application name. */
  Map<String, ProbeConfig> probes();

  /** One application's HTTP probe, sent through green's API server to the application's Service. */
  interface ProbeConfig {
    /** Namespace of the Service. */
    String namespace();

    /** Name of the Service. */
    String service();

    /** Port of the Service. */
    @WithDefault("80")
    int port();

    /** Path to request. */
    @WithDefault("/healthz")
    String path();

    /** Status the application must answer with. */
    @WithDefault("200")
    int expectedStatus();
  }
}
