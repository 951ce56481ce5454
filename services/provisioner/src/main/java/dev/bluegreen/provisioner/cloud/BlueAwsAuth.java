package dev.bluegreen.provisioner.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bluegreen.cloud.AwsConfig;
import dev.bluegreen.cloud.KubernetesClients;
import dev.bluegreen.provisioner.core.Observed;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.eks.EksClient;

/**
 * Blue's {@code kube-system/aws-auth} ConfigMap, read from blue's Kubernetes API through a client
 * of libs/cloud's {@link KubernetesClients} (endpoint and CA from EKS {@code DescribeCluster}, an
 * EKS token against AWS), one per read. Read only when blue's authentication mode lets EKS use it.
 */
@ApplicationScoped
public class BlueAwsAuth {

  static final String NAMESPACE = "kube-system";
  static final String NAME = "aws-auth";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final KubernetesClients clients;

  /** Over the service's EKS client (for DescribeCluster) and Quarkus's Vert.x. */
  @Inject
  public BlueAwsAuth(EksClient eks, AwsConfig aws, Vertx vertx) {
    // A read of blue the command can make again: fail fast.
    this.clients = new KubernetesClients(eks, aws, vertx, KubernetesClients.Patience.FAIL_FAST);
  }

  @PreDestroy
  void close() {
    clients.close();
  }

  /**
   * Blue's aws-auth mappings, or why there are none to read. Never throws for Kubernetes errors.
   */
  public Observed.AwsAuth read(Observed.Cluster blue) {
    if ("API".equals(blue.authenticationMode())) {
      return Observed.AwsAuth.notUsed(blue.authenticationMode());
    }
    Optional<KubernetesClients.Endpoint> endpoint = clients.endpoint(blue.name());
    if (endpoint.isEmpty() || endpoint.get().server() == null) {
      return Observed.AwsAuth.unreadable("EKS reports no API server endpoint for " + blue.name());
    }
    try (KubernetesClient client = clients.open(endpoint.get())) {
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
}
