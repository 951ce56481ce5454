package dev.bluegreen.provisioner.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bluegreen.cloud.AwsSettings;
import dev.bluegreen.cloud.EksTokens;
import dev.bluegreen.provisioner.core.Observed;
import dev.bluegreen.tracing.KubernetesCallSpans;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Blue's {@code kube-system/aws-auth} ConfigMap, read from blue's Kubernetes API the way the
 * deployer reaches a cluster: a fabric8 client on the endpoint and CA that EKS {@code
 * DescribeCluster} reports, with an EKS token ({@link EksTokens}, libs/cloud) against AWS, and no
 * auth against the simulator. Read only when blue's authentication mode lets EKS use it.
 */
@ApplicationScoped
public class BlueAwsAuth {

  static final String NAMESPACE = "kube-system";
  static final String NAME = "aws-auth";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final EksClusters eks;
  private final AwsSettings aws;
  // Quarkus's Vert.x: a client per read is then cheap (a Vert.x of its own costs about a second).
  private final VertxHttpClientFactory httpClients;
  // One Jackson mapper for every client: a client per read used to bring its own, introspecting the
  // model classes afresh each time (4% of the provisioner's CPU at 300 upgrades at once, JFR), as
  // the deployer's and decommissioner's per-command clients did before they shared one.
  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final DefaultCredentialsProvider credentials =
      DefaultCredentialsProvider.builder().build();
  private final Map<String, EksTokens> tokens = new ConcurrentHashMap<>();

  @Inject
  public BlueAwsAuth(EksClusters eks, AwsSettings aws, Vertx vertx) {
    this.eks = eks;
    this.aws = aws;
    this.httpClients = new VertxHttpClientFactory(vertx);
  }

  @PreDestroy
  void close() {
    credentials.close();
  }

  /**
   * Blue's aws-auth mappings, or why there are none to read. Never throws for Kubernetes errors.
   */
  public Observed.AwsAuth read(Observed.Cluster blue) {
    if ("API".equals(blue.authenticationMode())) {
      return Observed.AwsAuth.notUsed(blue.authenticationMode());
    }
    Optional<EksClusters.ApiEndpoint> endpoint = eks.apiEndpoint(blue.name());
    if (endpoint.isEmpty() || endpoint.get().server() == null) {
      return Observed.AwsAuth.unreadable("EKS reports no API server endpoint for " + blue.name());
    }
    try (KubernetesClient client = clientFor(endpoint.get())) {
      ConfigMap cm = client.configMaps().inNamespace(NAMESPACE).withName(NAME).get();
      return cm == null ? Observed.AwsAuth.absent() : parse(cm.getData());
    } catch (KubernetesClientException e) {
      return Observed.AwsAuth.unreadable(
          "Kubernetes API of " + blue.name() + " answered " + e.getCode() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      return Observed.AwsAuth.unreadable(e.toString());
    }
  }

  /** The ConfigMap's data keys as mappings; YAML that is not a list of mappings is unreadable. */
  static Observed.AwsAuth parse(Map<String, String> data) {
    Map<String, String> d = data == null ? Map.of() : data;
    try {
      return Observed.AwsAuth.read(
          mappings(d.get("mapRoles"), "rolearn"),
          mappings(d.get("mapUsers"), "userarn"),
          list(d.get("mapAccounts")).stream().map(JsonNode::asText).toList());
    } catch (IOException | IllegalArgumentException e) {
      return Observed.AwsAuth.unreadable("aws-auth is not valid: " + e.getMessage());
    }
  }

  private static List<Observed.AwsAuthMapping> mappings(String yaml, String arnKey)
      throws IOException {
    List<Observed.AwsAuthMapping> out = new ArrayList<>();
    for (JsonNode item : list(yaml)) {
      if (!item.isObject()) {
        throw new IllegalArgumentException("an item of its " + arnKey + " list is not a mapping");
      }
      List<String> groups = new ArrayList<>();
      item.path("groups").forEach(g -> groups.add(g.asText()));
      out.add(
          new Observed.AwsAuthMapping(
              item.hasNonNull(arnKey) ? item.get(arnKey).asText() : null,
              item.hasNonNull("username") ? item.get("username").asText() : null,
              groups));
    }
    return out;
  }

  private static List<JsonNode> list(String yaml) throws IOException {
    if (yaml == null || yaml.isBlank()) {
      return List.of();
    }
    JsonNode node = YAML.readTree(yaml);
    if (node == null || node.isNull() || node.isMissingNode()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("expected a YAML list, found " + node.getNodeType());
    }
    List<JsonNode> out = new ArrayList<>();
    node.forEach(out::add);
    return out;
  }

  private KubernetesClient clientFor(EksClusters.ApiEndpoint endpoint) {
    ConfigBuilder config =
        new ConfigBuilder(Config.empty()) // never the machine's kubeconfig
            .withMasterUrl(endpoint.server())
            .withRequestRetryBackoffLimit(2)
            .withConnectionTimeout(10_000)
            .withRequestTimeout(30_000);
    if (aws.endpointOverride().isPresent()) {
      config.withTrustCerts(true);
    } else {
      EksTokens t =
          tokens.computeIfAbsent(
              endpoint.cluster(),
              c -> new EksTokens(credentials, Region.of(aws.region()), Clock.systemUTC()));
      config
          .withCaCertData(endpoint.caData())
          .withOauthTokenProvider(() -> t.tokenFor(endpoint.cluster()));
    }
    return KubernetesCallSpans.addTo(new KubernetesClientBuilder())
        .withHttpClientFactory(httpClients)
        .withKubernetesSerialization(serialization)
        .withConfig(config.build())
        .build();
  }
}
