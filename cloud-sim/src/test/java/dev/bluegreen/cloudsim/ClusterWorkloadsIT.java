package dev.bluegreen.cloudsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.Fleet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What runs inside a cluster, seen through the Kubernetes API with the fabric8 client: the service
 * proxy answering for deployed workloads, and Jobs whose name lookups depend on CoreDNS.
 */
class ClusterWorkloadsIT {
  private static CloudSim sim;
  private static KubernetesClient payments;
  private static KubernetesClient search;

  @BeforeAll
  static void start() {
    sim =
        CloudSim.start(
            CloudSimConfig.defaults().withTimeCompression(1_000).withFleet(Fleet.demo()));
    payments = SimClients.kubernetes(sim, "payments-001");
    search = SimClients.kubernetes(sim, "search-002");
  }

  @AfterAll
  static void stop() {
    payments.close();
    search.close();
    sim.close();
  }

  @AfterEach
  void clearFaults() {
    sim.faults().clear();
  }

  /** A GET through the proxy, sent with the client's own HTTP stack as a service would. */
  private static HttpResponse<String> proxied(KubernetesClient k8s, String path) throws Exception {
    String url = k8s.getMasterUrl().toString().replaceAll("/$", "") + path;
    HttpRequest request = k8s.getHttpClient().newHttpRequestBuilder().uri(url).build();
    return k8s.getHttpClient().sendAsync(request, String.class).get(10, TimeUnit.SECONDS);
  }

  @Test
  void serviceProxy_reachesADeployedApplication_whichAnswers200() throws Exception {
    assertNotNull(
        payments.services().inNamespace("payments").withName("checkout").get(),
        "Argo CD's sync created the app's Service next to its Deployment");

    HttpResponse<String> r =
        proxied(payments, "/api/v1/namespaces/payments/services/checkout:80/proxy/healthz");

    assertEquals(200, r.code());
    assertEquals("ok\n", r.body());
    // The port by name and the scheme prefix, as the API server accepts them.
    assertEquals(
        200,
        proxied(payments, "/api/v1/namespaces/payments/services/http:checkout:http/proxy/").code());
  }

  @Test
  void serviceProxy_answersWithTheStatusAnAppStatusFaultGives_forMatchingPathsOnly()
      throws Exception {
    sim.faults().add(Fault.appStatus("payments-001/payments/checkout/ready", 503));

    assertEquals(
        503,
        proxied(payments, "/api/v1/namespaces/payments/services/checkout:80/proxy/ready").code());
    assertEquals(
        200,
        proxied(payments, "/api/v1/namespaces/payments/services/checkout:80/proxy/healthz").code());
    assertEquals(
        200,
        proxied(search, "/api/v1/namespaces/search/services/search-api:80/proxy/ready").code(),
        "another cluster's app is not affected");
  }

  @Test
  void serviceProxy_unknownService_isNotFound_andAnUnknownPortHasNoEndpoints() throws Exception {
    HttpResponse<String> missing =
        proxied(payments, "/api/v1/namespaces/payments/services/nope:80/proxy/");
    assertEquals(404, missing.code());
    assertTrue(missing.body().contains("\"reason\":\"NotFound\""), missing.body());

    HttpResponse<String> badPort =
        proxied(payments, "/api/v1/namespaces/payments/services/checkout:8443/proxy/");
    assertEquals(503, badPort.code());
    assertTrue(badPort.body().contains("ServiceUnavailable"), badPort.body());
  }

  @Test
  void serviceProxy_onAnUnhealthyCluster_hasNoReadyEndpoints() throws Exception {
    sim.faults().add(Fault.unhealthy("search-002", 1.0));

    HttpResponse<String> r =
        proxied(search, "/api/v1/namespaces/search/services/search-api:80/proxy/healthz");

    assertEquals(503, r.code());
    assertTrue(r.body().contains("no endpoints available for service"), r.body());
  }

  @Test
  void serviceProxy_callFaultsApply_asServicesProxyOperation() throws Exception {
    sim.faults().add(Fault.failNext("kubernetes", "GET services/proxy", "InternalError", 1));

    assertEquals(
        500, proxied(payments, "/api/v1/namespaces/payments/services/checkout:80/proxy/").code());
    assertEquals(
        200, proxied(payments, "/api/v1/namespaces/payments/services/checkout:80/proxy/").code());
  }

  private static Job lookupJob(String name, String host) {
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withNewTemplate()
        .withNewSpec()
        .withRestartPolicy("Never")
        .addNewContainer()
        .withName("lookup")
        .withImage("busybox:1.36")
        .withCommand("nslookup", host)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static JobCondition awaitFinished(KubernetesClient k8s, String name) {
    return Awaitility.await("Job " + name + " finishes")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              Job j = k8s.batch().v1().jobs().inNamespace("default").withName(name).get();
              List<JobCondition> cs =
                  j.getStatus().getConditions() == null ? List.of() : j.getStatus().getConditions();
              return cs.stream()
                  .filter(c -> c.getType().equals("Complete") || c.getType().equals("Failed"))
                  .findFirst()
                  .orElse(null);
            },
            c -> c != null);
  }

  @Test
  void job_thatLooksUpTheApiServerService_runsThenSucceeds_whileCoreDnsServes() {
    Job created =
        payments
            .batch()
            .v1()
            .jobs()
            .inNamespace("default")
            .resource(lookupJob("dns-ok", "kubernetes.default.svc.cluster.local"))
            .create();
    assertNotNull(created.getStatus().getStartTime(), "the Job controller started it");

    JobCondition end = awaitFinished(payments, "dns-ok");

    assertEquals("Complete", end.getType());
    assertEquals(
        1,
        payments
            .batch()
            .v1()
            .jobs()
            .inNamespace("default")
            .withName("dns-ok")
            .get()
            .getStatus()
            .getSucceeded());
  }

  @Test
  void job_lookingUpAServiceThatDoesNotExist_failsWithNxdomain() {
    payments
        .batch()
        .v1()
        .jobs()
        .inNamespace("default")
        .resource(lookupJob("dns-nx", "nope.default.svc.cluster.local"))
        .create();

    JobCondition end = awaitFinished(payments, "dns-nx");

    assertEquals("Failed", end.getType());
    assertEquals("BackoffLimitExceeded", end.getReason());
    assertTrue(end.getMessage().contains("NXDOMAIN"), end.getMessage());
  }

  @Test
  void job_lookingUpANameWithoutTheKubeDnsService_failsWithNoServersReached() {
    KubernetesClient identity = SimClients.kubernetes(sim, "identity-003");
    identity.services().inNamespace("kube-system").withName("kube-dns").delete();
    identity
        .batch()
        .v1()
        .jobs()
        .inNamespace("default")
        .resource(lookupJob("dns-down", "kubernetes.default"))
        .create();

    JobCondition end = awaitFinished(identity, "dns-down");

    assertEquals("Failed", end.getType());
    assertTrue(end.getMessage().contains("no servers could be reached"), end.getMessage());
    identity.close();
  }
}
