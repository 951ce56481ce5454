package dev.bluegreen.cloudsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bluegreen.cloudsim.core.Fleet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.InvalidRequestException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/** The simulator's own HTTP API (faults, journal, world) and its answers to malformed requests. */
class ControlApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static CloudSim sim;

  @BeforeAll
  static void start() {
    sim = CloudSim.start(CloudSimConfig.instant().withFleet(Fleet.demo()));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static HttpResponse<String> send(
      String method, String path, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.endpoint() + path));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void faultAddedOverHttp_makesTheSdkSeeTheTypedError_andTheJournalRecordsTheCalls()
      throws Exception {
    HttpResponse<String> added =
        send(
            "POST",
            "/_sim/faults",
            "application/json",
            "{\"kind\":\"error\",\"service\":\"eks\",\"operation\":\"DeleteCluster\",\"errorCode\":\"InvalidRequestException\",\"count\":1}");
    assertEquals(201, added.statusCode(), added.body());
    String id = JSON.readTree(added.body()).path("id").asText();
    assertEquals(1, JSON.readTree(send("GET", "/_sim/faults", null, null).body()).size());

    try (EksClient eks = SimClients.eks(sim)) {
      assertThrows(
          InvalidRequestException.class, () -> eks.deleteCluster(r -> r.name("search-011")));
    }

    assertEquals(
        404,
        send("DELETE", "/_sim/faults/" + id, null, null).statusCode(),
        "a count-1 fault is gone after firing");
    JsonNode journal =
        JSON.readTree(send("GET", "/_sim/journal?operation=AddFault", null, null).body());
    assertTrue(journal.size() >= 1);
    assertEquals("[]", send("GET", "/_sim/journal/duplicates", null, null).body());
  }

  @Test
  void callers_recordEachAccessKeysOperationsAsIamActions_failedAttemptsToo() throws Exception {
    StaticCredentialsProvider alice =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("ledger-alice", "x"));
    StaticCredentialsProvider bob =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("ledger-bob", "x"));
    try (EksClient eks =
            EksClient.builder()
                .endpointOverride(sim.eksEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(alice)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        ElasticLoadBalancingV2Client elb =
            ElasticLoadBalancingV2Client.builder()
                .endpointOverride(sim.elbv2Endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(bob)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
      eks.listClusters();
      assertThrows(
          ResourceNotFoundException.class, () -> eks.describeCluster(r -> r.name("no-such")));
      elb.describeTargetGroups(r -> r.names(List.of()));
    }

    JsonNode callers = JSON.readTree(send("GET", "/_sim/callers", null, null).body());
    assertEquals(
        "[\"eks:DescribeCluster\",\"eks:ListClusters\"]", callers.path("ledger-alice").toString());
    assertEquals(
        "[\"elasticloadbalancing:DescribeTargetGroups\"]", callers.path("ledger-bob").toString());
  }

  @Test
  void worldSummary_listsClustersAndRules() throws Exception {
    JsonNode world = JSON.readTree(send("GET", "/_sim/world", null, null).body());
    assertTrue(world.path("clusters").size() >= 12);
    assertTrue(world.path("rules").size() >= 12);
  }

  @Test
  void badFaultJson_isA400() throws Exception {
    assertEquals(
        400,
        send("POST", "/_sim/faults", "application/json", "{\"kind\":\"nonsense\"}").statusCode());
  }

  @Test
  void unknownElbv2Action_isAnXmlQueryError() throws Exception {
    HttpResponse<String> r =
        send("POST", "/", "application/x-www-form-urlencoded", "Action=Explode&Version=2015-12-01");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("<Code>InvalidAction</Code>"), r.body());
  }

  @Test
  void garbageCborForCloudWatch_isA400WithAnErrorType() throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/service/GraniteServiceVersion20100801/operation/GetMetricData",
            "application/cbor",
            "\u00ff\u00ff");
    assertEquals(400, r.statusCode());
    assertEquals("rpc-v2-cbor", r.headers().firstValue("smithy-protocol").orElseThrow());
  }

  @Test
  void unknownKubernetesResource_isAStatus404() throws Exception {
    HttpResponse<String> r =
        send("GET", "/k8s/payments-001/apis/example.com/v1/widgets", null, null);
    assertEquals(404, r.statusCode());
    assertEquals("Status", JSON.readTree(r.body()).path("kind").asText());
  }
}
