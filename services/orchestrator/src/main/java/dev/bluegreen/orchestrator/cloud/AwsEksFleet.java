package dev.bluegreen.orchestrator.cloud;

import dev.bluegreen.cloud.AwsClients;
import dev.bluegreen.cloud.AwsConfig;
import dev.bluegreen.cloud.SharedSnapshot;
import dev.bluegreen.orchestrator.config.OrchestratorConfig;
import dev.bluegreen.orchestrator.inventory.EksCluster;
import dev.bluegreen.orchestrator.inventory.VersionSupport;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterVersionInformation;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * EKS through the AWS SDK v2: DescribeCluster, ListClusters and DescribeClusterVersions only, so
 * the inventory runs with a read-only IAM policy. Fleet-sized reads are shared ({@link
 * SharedSnapshot}) so that a console refreshing every few seconds costs EKS one listing per max
 * age.
 */
@ApplicationScoped
public class AwsEksFleet implements EksFleet {

  private final boolean enabled;
  private final Supplier<EksClient> clients;
  private final SharedSnapshot<List<EksCluster>> all;
  private final SharedSnapshot<List<VersionSupport>> catalog;
  private volatile EksClient client;

  @Inject
  public AwsEksFleet(OrchestratorConfig config, AwsConfig aws) {
    this(
        config.eks().enabled(),
        () -> AwsClients.configure(EksClient.builder(), aws).build(),
        config.eks().fleetMaxAge(),
        config.eks().versionsMaxAge());
  }

  /** For tests: whether to look up, how to make the client (built on first use), cache ages. */
  public AwsEksFleet(
      boolean enabled, Supplier<EksClient> clients, Duration fleetMaxAge, Duration versionsMaxAge) {
    this.enabled = enabled;
    this.clients = clients;
    this.all = new SharedSnapshot<>(this::readAll, fleetMaxAge, Clock.systemUTC());
    this.catalog = new SharedSnapshot<>(this::readVersions, versionsMaxAge, Clock.systemUTC());
  }

  @Override
  public boolean enabled() {
    return enabled;
  }

  @Override
  public Optional<EksCluster> describe(String name) {
    try {
      return Optional.of(of(client().describeCluster(r -> r.name(name)).cluster()));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (SdkException | IllegalStateException e) {
      throw new Unavailable("EKS DescribeCluster failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<EksCluster> clusters(String prefix) {
    if (prefix.isEmpty()) {
      return all.get();
    }
    // A narrow look-up (one logical cluster's generations) describes only the names that match.
    return describeAll(names().stream().filter(n -> n.startsWith(prefix)).toList());
  }

  @Override
  public List<VersionSupport> versions() {
    return catalog.get();
  }

  private List<EksCluster> readAll() {
    return describeAll(names());
  }

  private List<String> names() {
    try {
      List<String> names = new ArrayList<>();
      client()
          .listClustersPaginator(r -> r.maxResults(100))
          .forEach(p -> names.addAll(p.clusters()));
      return names;
    } catch (SdkException | IllegalStateException e) {
      throw new Unavailable("EKS ListClusters failed: " + e.getMessage(), e);
    }
  }

  private List<EksCluster> describeAll(List<String> names) {
    List<EksCluster> out = new ArrayList<>();
    for (String name : names) {
      describe(name).ifPresent(out::add); // deleted between the listing and now: not there
    }
    return out;
  }

  private List<VersionSupport> readVersions() {
    try {
      List<VersionSupport> out = new ArrayList<>();
      client()
          .describeClusterVersionsPaginator(r -> r.includeAll(true))
          .forEach(p -> p.clusterVersions().forEach(v -> out.add(of(v))));
      return out;
    } catch (SdkException | IllegalStateException e) {
      throw new Unavailable("EKS DescribeClusterVersions failed: " + e.getMessage(), e);
    }
  }

  private static EksCluster of(Cluster c) {
    return new EksCluster(c.name(), c.version(), c.statusAsString(), c.tags(), c.createdAt());
  }

  private static VersionSupport of(ClusterVersionInformation v) {
    return new VersionSupport(
        v.clusterVersion(),
        v.statusAsString(),
        v.endOfStandardSupportDate() == null
            ? null
            : LocalDate.ofInstant(v.endOfStandardSupportDate(), ZoneOffset.UTC),
        v.endOfExtendedSupportDate() == null
            ? null
            : LocalDate.ofInstant(v.endOfExtendedSupportDate(), ZoneOffset.UTC));
  }

  private EksClient client() {
    EksClient c = client;
    if (c == null) {
      synchronized (this) {
        if (client == null) {
          client = clients.get();
        }
        c = client;
      }
    }
    return c;
  }

  @PreDestroy
  void close() {
    if (client != null) {
      client.close();
    }
  }
}
