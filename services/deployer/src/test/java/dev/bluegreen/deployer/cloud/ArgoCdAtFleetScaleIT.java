package dev.bluegreen.deployer.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.CloudSimConfig;
import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.cloudsim.core.FleetGenerator;
import dev.bluegreen.deployer.config.DeployerConfig;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.lang.reflect.Proxy;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How many Argo CD cluster secrets the deployer lists to find one registration, against cloud-sim
 * holding the bench's fleet at 300 upgrades (3 × 300 + 3 = 903 clusters, each registered). Every
 * secret list request {@link ArgoCd} makes is recorded and repeated by the test to count what it
 * returned. Before the lookup asked by the cluster label first, one lookup listed all 903.
 */
class ArgoCdAtFleetScaleIT {

  private static final int FLEET = 3 * 300 + 3;

  private static CloudSim sim;
  private static Fleet fleet;
  private static KubernetesClient observer;

  private final List<String> secretLists = new CopyOnWriteArrayList<>();
  private KubernetesClient management;
  private ArgoCd argoCd;

  @BeforeAll
  static void startSimulator() {
    fleet = FleetGenerator.generate(FLEET);
    sim = CloudSim.start(CloudSimConfig.instant().withFleet(fleet));
    observer = client(null);
  }

  @AfterAll
  static void stopSimulator() {
    observer.close();
    sim.close();
  }

  @BeforeEach
  void deployerArgoCd() {
    management =
        client(
            new Interceptor() {
              @Override
              public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                String uri = request.uri().toString();
                if ("GET".equals(request.method()) && uri.contains("/secrets?")) {
                  secretLists.add(uri);
                }
              }
            });
    argoCd = new ArgoCd();
    argoCd.management = management;
    argoCd.settings = settings();
  }

  @Test
  void registrationOf_asksByTheClusterLabel_andListsOneSecret() {
    String blue = fleet.clusters().get(7).name();

    Secret found = argoCd.registrationOf(blue).orElseThrow();

    assertEquals("cluster-" + blue, found.getMetadata().getName());
    assertEquals(1, secretLists.size(), secretLists::toString);
    assertEquals(1, listed(), "secrets listed for one lookup, in a fleet of " + FLEET);
  }

  @Test
  void registrationOf_aSecretWithoutTheClusterLabel_isFoundInTheFullList() {
    String blue = fleet.clusters().get(11).name();
    observer
        .secrets()
        .inNamespace("argocd")
        .withName("cluster-" + blue)
        .edit(
            s -> {
              s.getMetadata().getLabels().remove("bluegreen.dev/cluster");
              return s;
            });

    int registered =
        observer
            .secrets()
            .inNamespace("argocd")
            .withLabel("argocd.argoproj.io/secret-type", "cluster")
            .list()
            .getItems()
            .size();

    assertTrue(argoCd.registrationOf(blue).isPresent());
    assertEquals(2, secretLists.size(), secretLists::toString);
    // The labelled ask finds none, then every cluster secret is listed.
    assertEquals(registered, listed(), "the fallback lists every cluster secret");
    assertTrue(registered >= FLEET - 1, registered + " registered");
  }

  @Test
  void deregister_deletesTheLabelledRegistration_listingOneSecret() {
    String cluster = fleet.clusters().get(13).name();

    Map<String, String> byItsLabel =
        Map.of("argocd.argoproj.io/secret-type", "cluster", "bluegreen.dev/cluster", cluster);
    int labelled =
        observer.secrets().inNamespace("argocd").withLabels(byItsLabel).list().getItems().size();

    assertEquals(1, argoCd.deregister(cluster));

    // One list, asking by the cluster label: the one secret (counted before it was deleted).
    assertEquals(1, secretLists.size(), secretLists::toString);
    assertEquals(byItsLabel, labels(selectorOf(secretLists.get(0))));
    assertEquals(1, labelled);
    assertNull(observer.secrets().inNamespace("argocd").withName("cluster-" + cluster).get());
  }

  /** The secrets the recorded list requests returned (each repeated with the same selector). */
  private int listed() {
    int n = 0;
    for (String uri : secretLists) {
      String selector = selectorOf(uri);
      n +=
          observer
              .secrets()
              .inNamespace("argocd")
              .withLabels(labels(selector))
              .list()
              .getItems()
              .size();
    }
    return n;
  }

  private static String selectorOf(String uri) {
    for (String param : uri.substring(uri.indexOf('?') + 1).split("&")) {
      if (param.startsWith("labelSelector=")) {
        return URLDecoder.decode(param.substring(14), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private static Map<String, String> labels(String selector) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String term : selector.split(",")) {
      if (!term.isBlank()) {
        String[] kv = term.split("=", 2);
        out.put(kv[0], kv[1]);
      }
    }
    return out;
  }

  private static KubernetesClient client(Interceptor interceptor) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(sim.kubernetesUrl(sim.managementCluster()))
            .withTrustCerts(true)
            .withRequestRetryBackoffLimit(0)
            .build();
    KubernetesClientBuilder builder = new KubernetesClientBuilder().withConfig(config);
    if (interceptor != null) {
      builder.withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count", interceptor));
    }
    return builder.build();
  }

  /** Only what the registration lookups read. */
  private static DeployerConfig settings() {
    return (DeployerConfig)
        Proxy.newProxyInstance(
            DeployerConfig.class.getClassLoader(),
            new Class<?>[] {DeployerConfig.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "argocdNamespace" -> "argocd";
                  case "pollInterval" -> Duration.ofSeconds(1);
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
