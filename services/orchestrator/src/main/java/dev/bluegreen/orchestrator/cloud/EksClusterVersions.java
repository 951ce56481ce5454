package dev.bluegreen.orchestrator.cloud;

import dev.bluegreen.orchestrator.config.OrchestratorConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.EksClientBuilder;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/** Blue's version from EKS {@code DescribeCluster}, through the AWS SDK v2. */
@ApplicationScoped
public class EksClusterVersions implements ClusterVersions {

  private final OrchestratorConfig.Eks config;
  private volatile EksClient client;

  @Inject
  public EksClusterVersions(OrchestratorConfig config) {
    this(config.eks());
  }

  /** For tests: only the EKS part of the configuration. */
  public EksClusterVersions(OrchestratorConfig.Eks config) {
    this.config = config;
  }

  @Override
  public Lookup currentVersion(String cluster) {
    if (!config.enabled()) {
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
          AwsCredentialsProvider credentials =
              config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()
                  ? StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(
                          config.accessKeyId().get(), config.secretAccessKey().get()))
                  : DefaultCredentialsProvider.builder().build();
          EksClientBuilder builder =
              EksClient.builder()
                  .region(Region.of(config.region()))
                  .credentialsProvider(credentials)
                  .httpClient(UrlConnectionHttpClient.create());
          config.endpointOverride().ifPresent(builder::endpointOverride);
          client = builder.build();
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
