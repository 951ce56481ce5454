package dev.bluegreen.orchestrator.cloud;

import dev.bluegreen.cloud.AwsClients;
import dev.bluegreen.cloud.AwsConfig;
import dev.bluegreen.orchestrator.config.OrchestratorConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/** Blue's version from EKS {@code DescribeCluster}, through the AWS SDK v2. */
@ApplicationScoped
public class EksClusterVersions implements ClusterVersions {

  private final boolean enabled;
  private final Supplier<EksClient> clients;
  private volatile EksClient client;

  @Inject
  public EksClusterVersions(OrchestratorConfig config, AwsConfig aws) {
    this(config.eks().enabled(), () -> AwsClients.configure(EksClient.builder(), aws).build());
  }

  /** For tests: whether to look up, and how to make the client (built on first use). */
  public EksClusterVersions(boolean enabled, Supplier<EksClient> clients) {
    this.enabled = enabled;
    this.clients = clients;
  }

  @Override
  public Lookup currentVersion(String cluster) {
    if (!enabled) {
      return new Disabled();
    }
    try {
      String version = client().describeCluster(r -> r.name(cluster)).cluster().version();
      return new Found(version);
    } catch (ResourceNotFoundException e) {
      return new NotFound("no EKS cluster named " + cluster);
    } catch (SdkException | IllegalStateException e) {
      return new Unavailable("EKS DescribeCluster failed: " + e.getMessage());
    }
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
