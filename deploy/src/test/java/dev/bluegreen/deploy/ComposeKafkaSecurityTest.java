package dev.bluegreen.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docker-compose.yml} runs Kafka as the local run and the Kubernetes manifests do
 * (docs/security.md, "Kafka"): the broker authenticates every client listener and allows only what
 * an ACL grants, the set-up job creates the services' credentials and ACLs, every service logs in
 * as its own principal with only its own password, and no password is written in the file. The
 * running stack is checked by {@code ci/container-stage} (the demo, {@code
 * ComposeBrokerSecurityIT}); this holds the file to it in every build.
 */
class ComposeKafkaSecurityTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
  private static JsonNode compose;

  @BeforeAll
  static void readCompose() throws IOException {
    compose = new YAMLMapper().readTree(COMPOSE.toFile());
  }

  @Test
  void theBroker_authenticatesEveryListener_andAllowsOnlyWhatAnAclGrants() {
    JsonNode kafka = compose.at("/services/kafka");
    JsonNode env = kafka.path("environment");
    for (String listener : env.path("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText().split(",")) {
      assertTrue(listener.endsWith(":SASL_PLAINTEXT") || listener.endsWith(":SASL_SSL"), listener);
    }
    assertEquals(
        "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        env.path("KAFKA_AUTHORIZER_CLASS_NAME").asText());
    assertEquals("false", env.path("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND").asText());
    assertEquals("User:admin", env.path("KAFKA_SUPER_USERS").asText());
    assertEquals(".local/compose/kafka/kafka.env", kafka.path("env_file").asText());
    assertTrue(
        kafka.path("entrypoint").toString().contains("sasl-run"),
        "docker/kafka/sasl-run bootstraps the admin's credential");
  }

  @Test
  void theSetUpJob_createsTheServicesCredentialsAndAcls_beforeAnyServiceStarts() {
    JsonNode setup = compose.at("/services/kafka-setup");
    assertEquals("[\"kafka:9092\",\"/credentials\"]", setup.path("command").toString());
    assertTrue(
        setup.path("volumes").toString().contains(".local/compose/kafka/credentials:/credentials"));
    assertEquals(
        "service_completed_successfully",
        compose.at("/x-quarkus-service/depends_on/kafka-setup/condition").asText());
  }

  @Test
  void everyService_logsInAsItsOwnPrincipal_withOnlyItsOwnPasswordFile() throws IOException {
    assertTrue(
        compose
            .at("/x-service-environment/BLUEGREEN_KAFKA_SECURITY_PROTOCOL")
            .asText()
            .startsWith("SASL_"));
    List<String> services = services();
    assertEquals(6, services.size(), "services/: " + services);
    for (String name : services) {
      JsonNode service = compose.at("/services/" + name);
      assertEquals(
          name, service.at("/environment/BLUEGREEN_KAFKA_USERNAME").asText(), "username " + name);
      assertEquals(
          ".local/compose/kafka/" + name + ".env", service.path("env_file").asText(), name);
    }
  }

  @Test
  void noPasswordIsWrittenInTheComposeFile() {
    Pattern secret = Pattern.compile("(?i)password|secret|jaas");
    List<String> found = new ArrayList<>();
    walk(
        compose,
        "",
        (path, value) -> {
          if (secret.matcher(path).find() || value.contains("password=")) {
            found.add(path + "=" + value);
          }
        });
    assertEquals(List.of(), found);
  }

  private interface Visitor {
    void scalar(String path, String value);
  }

  private static void walk(JsonNode node, String path, Visitor visitor) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        walk(field.getValue(), path + "/" + field.getKey(), visitor);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "/" + i, visitor);
      }
    } else {
      visitor.scalar(path, node.asText());
    }
  }

  /** Each service module (a folder with an application.properties under {@code services/}). */
  private static List<String> services() throws IOException {
    try (Stream<Path> dirs = Files.list(ROOT.resolve("services"))) {
      return dirs.filter(d -> Files.exists(d.resolve("src/main/resources/application.properties")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    }
  }
}
