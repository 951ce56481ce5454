package dev.bluegreen.deployer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.JournalEntry;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.Fact;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import dev.bluegreen.contracts.events.CronJobsHandedOver;
import dev.bluegreen.contracts.events.DeployWorkloads;
import dev.bluegreen.contracts.events.DeregisterGreen;
import dev.bluegreen.contracts.events.GreenDeregistered;
import dev.bluegreen.contracts.events.HandOverCronJobs;
import dev.bluegreen.contracts.events.HandoverDirection;
import dev.bluegreen.contracts.events.PhaseFailed;
import dev.bluegreen.contracts.events.PhaseProgressed;
import dev.bluegreen.contracts.events.SmokeTestsCompleted;
import dev.bluegreen.contracts.events.VerifyGreen;
import dev.bluegreen.contracts.events.WorkloadsDeployed;
import dev.bluegreen.testkit.CloudSimTestResource;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.InjectCloudSim;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deployer against cloud-sim (EKS, ELBv2, each cluster's Kubernetes API, Argo CD on the
 * management cluster) and a real broker: commands in on {@code deployer.commands.v1}, facts out on
 * {@code upgrade.events.v1}, the simulator's state and journal checked. Each test has its own
 * blue/green pair (see {@link DeployerCloud}).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(
    value = CloudSimTestResource.class,
    initArgs =
        @ResourceArg(
            name = CloudSimTestResource.CLOUD,
            value = "dev.bluegreen.deployer.DeployerCloud"))
class DeployerIT {

  private static final Duration FACT_DEADLINE = Duration.ofSeconds(40);

  @InjectCloudSim CloudSim sim;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  private EventProbe probe;
  private final List<KubernetesClient> clients = new ArrayList<>();

  @BeforeEach
  void openProbe() {
    probe = new EventProbe(bootstrapServers);
  }

  @AfterEach
  void close() {
    probe.close();
    clients.forEach(KubernetesClient::close);
  }

  @Test
  void deployWorkloads_registersGreenLikeBlue_andReportsEveryApplicationSyncedAndHealthy() {
    DeployWorkloads cmd = new DeployWorkloads(id(), id(), "pay-blue", "pay-green");

    publish(cmd);
    WorkloadsDeployed deployed = awaitFact(WorkloadsDeployed.class, cmd);

    assertEquals(List.of("pay-green-api", "pay-green-web"), deployed.applications());
    PhaseProgressed last =
        awaitFact(PhaseProgressed.class, cmd, p -> p.done() != null && p.done() == 2);
    assertEquals(2, last.total());
    Secret green = registrationOf("pay-green");
    assertEquals("pay", green.getMetadata().getLabels().get("bluegreen.dev/team"));
    assertEquals("cluster", green.getMetadata().getLabels().get("argocd.argoproj.io/secret-type"));
    assertEquals(sim.kubernetesUrl("pay-green"), decode(green.getData().get("server")));
    assertTrue(registered("pay-blue"), "blue stays registered");
    // Green runs no scheduled work yet; blue's pre-upgrade suspension is on record.
    cronJobs("pay-green")
        .forEach(c -> assertTrue(c.getSpec().getSuspend(), c.getMetadata().getName()));
    cronJobs("pay-blue")
        .forEach(
            c ->
                assertEquals(
                    "false",
                    c.getMetadata()
                        .getAnnotations()
                        .get("bluegreen.dev/suspended-before-upgrade")));
  }

  @Test
  void deployWorkloads_withADegradedApplication_failsThePhaseNamingIt() {
    sim.faults().add(Fault.argoDegraded("deg-green-api"));
    DeployWorkloads cmd = new DeployWorkloads(id(), id(), "deg-blue", "deg-green");

    publish(cmd);
    PhaseFailed failed = awaitFact(PhaseFailed.class, cmd);

    assertTrue(failed.reason().contains("deg-green-api"), failed.reason());
    assertTrue(failed.reason().contains("Deployment has timed out progressing"), failed.reason());
    assertEquals("ApplicationDegraded", failed.errorCode());
    assertTrue(probe.eventsSoFar(Topics.FACTS, answers(cmd, WorkloadsDeployed.class)).isEmpty());
  }

  @Test
  void deployWorkloads_pastTheDeadline_failsNamingTheApplicationsItWaitedFor() {
    sim.faults().add(Fault.stuck("slow-green-web"));
    DeployWorkloads cmd = new DeployWorkloads(id(), id(), "slow-blue", "slow-green");

    publish(cmd);
    PhaseFailed failed = awaitFact(PhaseFailed.class, cmd);

    assertEquals("DeployTimeout", failed.errorCode());
    assertTrue(failed.reason().contains("1 of 2"), failed.reason());
    assertTrue(failed.reason().contains("slow-green-web (OutOfSync/Progressing)"), failed.reason());
  }

  @Test
  void verifyGreen_onAHealthyGreen_passesEveryNamedCheck() {
    runAddOns("chk-green");
    VerifyGreen cmd = new VerifyGreen(id(), id(), "chk-blue", "chk-green");

    publish(cmd);
    SmokeTestsCompleted done = awaitFact(SmokeTestsCompleted.class, cmd);

    assertEquals(
        List.of("api-server", "nodes-ready", "core-add-ons", "dns", "target-health"),
        done.checks().stream().map(Check::name).toList());
    done.checks()
        .forEach(c -> assertEquals(CheckResult.PASS, c.result(), c.name() + ": " + c.reason()));
    assertTrue(done.passed());
    Check dns = done.checks().get(3);
    assertEquals("RESOLVED", dns.data().get("lookup"), dns.reason());
    assertTrue(
        dns.reason()
            .startsWith("kubernetes.default.svc.cluster.local resolves from a pod on green"),
        dns.reason());
    // The lookup ran as a Job on green, and the deployer removed it afterwards.
    assertEquals(
        1,
        sim.journal().entries().stream()
            .filter(e -> e.operation().equals("POST jobs"))
            .filter(e -> e.resource().startsWith("chk-green/default/bluegreen-dns-"))
            .count());
    assertEquals(
        List.of(),
        kubernetes("chk-green").batch().v1().jobs().inNamespace("default").list().getItems());
  }

  @Test
  void verifyGreen_whenNamesDoNotResolveInsideGreen_failsDns_evenWithCoreDnsPodsReady() {
    runAddOns("nodns-green");
    // CoreDNS pods run and are Ready, but nothing routes to them: lookups time out.
    kubernetes("nodns-green").services().inNamespace("kube-system").withName("kube-dns").delete();
    VerifyGreen cmd = new VerifyGreen(id(), id(), "nodns-blue", "nodns-green");

    publish(cmd);
    SmokeTestsCompleted done = awaitFact(SmokeTestsCompleted.class, cmd);

    assertFalse(done.passed());
    Check dns =
        done.checks().stream().filter(c -> c.name().equals("dns")).findFirst().orElseThrow();
    assertEquals(CheckResult.FAIL, dns.result());
    assertEquals("FAILED", dns.data().get("lookup"));
    assertTrue(
        dns.reason().startsWith("kubernetes.default.svc.cluster.local does not resolve"),
        dns.reason());
    assertTrue(dns.reason().contains("no servers could be reached"), dns.reason());
    assertEquals(
        CheckResult.PASS,
        done.checks().stream()
            .filter(c -> c.name().equals("core-add-ons"))
            .findFirst()
            .orElseThrow()
            .result(),
        "pod readiness alone would have passed");
  }

  @Test
  void verifyGreen_withUnhealthyTargets_failsTheTargetHealthCheck() {
    runAddOns("sick-green");
    sim.faults().add(Fault.unhealthy("sick-green", 0.9));
    VerifyGreen cmd = new VerifyGreen(id(), id(), "sick-blue", "sick-green");

    publish(cmd);
    SmokeTestsCompleted done = awaitFact(SmokeTestsCompleted.class, cmd);

    assertFalse(done.passed());
    Check target =
        done.checks().stream()
            .filter(c -> c.name().equals("target-health"))
            .findFirst()
            .orElseThrow();
    assertEquals(CheckResult.FAIL, target.result());
    assertTrue(target.reason().contains("unhealthy"), target.reason());
    assertEquals(CheckResult.PASS, done.checks().get(0).result(), "the API server still answers");
  }

  @Test
  void verifyGreen_whenNodesCannotBeRead_failsThatCheckAndStillRunsTheOthers() {
    runAddOns("blind-green");
    sim.faults().add(kubernetesError("GET nodes", "blind-green/", 403, "Forbidden", 1000));
    VerifyGreen cmd = new VerifyGreen(id(), id(), "blind-blue", "blind-green");

    publish(cmd);
    SmokeTestsCompleted done = awaitFact(SmokeTestsCompleted.class, cmd);

    assertFalse(done.passed());
    Map<String, CheckResult> results = new HashMap<>();
    done.checks().forEach(c -> results.put(c.name(), c.result()));
    assertEquals(CheckResult.FAIL, results.get("nodes-ready"));
    assertEquals(CheckResult.PASS, results.get("core-add-ons"));
    assertEquals(CheckResult.PASS, results.get("target-health"));
  }

  @Test
  void handoverAndReverseHandover_neverLeaveBothSidesActive_andKeepOwnersSuspensions() {
    // Given blue's owners had suspended "cleanup" before the upgrade, and green is deployed.
    setSuspended("hand-blue", "hand/cleanup", true);
    deployed("hand-blue", "hand-green");
    long before = lastJournalSeq();

    HandOverCronJobs toGreen =
        new HandOverCronJobs(
            id(), id(), "hand-blue", "hand-green", HandoverDirection.BLUE_TO_GREEN);
    publish(toGreen);
    CronJobsHandedOver there = awaitFact(CronJobsHandedOver.class, toGreen);

    assertEquals(List.of("hand/report"), there.cronJobs());
    assertEquals(List.of("hand/cleanup"), there.keptSuspended());
    assertEquals(Map.of("hand/report", true, "hand/cleanup", true), suspension("hand-blue"));
    assertEquals(Map.of("hand/report", false, "hand/cleanup", true), suspension("hand-green"));

    HandOverCronJobs back =
        new HandOverCronJobs(
            id(), toGreen.upgradeId(), "hand-blue", "hand-green", HandoverDirection.GREEN_TO_BLUE);
    publish(back);
    CronJobsHandedOver home = awaitFact(CronJobsHandedOver.class, back);

    assertEquals(List.of("hand/report"), home.cronJobs());
    assertEquals(Map.of("hand/report", false, "hand/cleanup", true), suspension("hand-blue"));
    assertEquals(Map.of("hand/report", true, "hand/cleanup", true), suspension("hand-green"));
    assertEquals(List.of(), momentsActiveOnBoth(before, "hand-blue", "hand-green"));
  }

  @Test
  void handover_waitsForJobsStillRunningOnBlue_beforeResumingGreen() {
    deployed("jobs-blue", "jobs-green");
    KubernetesClient blue = kubernetes("jobs-blue");
    CronJob report = blue.batch().v1().cronjobs().inNamespace("jobs").withName("report").get();
    blue.batch()
        .v1()
        .jobs()
        .inNamespace("jobs")
        .resource(
            new JobBuilder()
                .withNewMetadata()
                .withName("report-29000001")
                .withNamespace("jobs")
                .addNewOwnerReference()
                .withApiVersion("batch/v1")
                .withKind("CronJob")
                .withName("report")
                .withUid(report.getMetadata().getUid())
                .endOwnerReference()
                .endMetadata()
                .withNewStatus()
                .withActive(1)
                .withStartTime(Instant.now().toString())
                .endStatus()
                .build())
        .create();
    HandOverCronJobs cmd =
        new HandOverCronJobs(
            id(), id(), "jobs-blue", "jobs-green", HandoverDirection.BLUE_TO_GREEN);

    publish(cmd);
    PhaseProgressed waiting =
        awaitFact(PhaseProgressed.class, cmd, p -> "running-jobs".equals(p.step()));

    assertTrue(waiting.message().contains("jobs/report"), waiting.message());
    assertEquals(true, suspension("jobs-blue").get("jobs/report"));
    assertEquals(
        true, suspension("jobs-green").get("jobs/report"), "green waits while blue's Job runs");

    blue.batch()
        .v1()
        .jobs()
        .inNamespace("jobs")
        .withName("report-29000001")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"status\":{\"active\":0,\"succeeded\":1,\"completionTime\":\""
                + Instant.now()
                + "\"}}");
    awaitFact(CronJobsHandedOver.class, cmd);

    assertEquals(false, suspension("jobs-green").get("jobs/report"));
  }

  @Test
  void repeatedDeployCommand_doesTheWorkOnce_andARedeliveryAfterRestartWritesNothing() {
    DeployWorkloads cmd = new DeployWorkloads(id(), id(), "again-blue", "again-green");
    CloudEvent<DeployWorkloads> event = CloudEvent.of("test", cmd, Instant.now());

    probe.publish(event);
    probe.publish(event);
    awaitFact(WorkloadsDeployed.class, cmd);
    // As after a restart (the in-process dedupe forgotten): the same work under a new commandId.
    DeployWorkloads again = new DeployWorkloads(id(), cmd.upgradeId(), "again-blue", "again-green");
    publish(again);
    awaitFact(WorkloadsDeployed.class, again);

    assertEquals(1, probe.eventsSoFar(Topics.FACTS, answers(cmd, WorkloadsDeployed.class)).size());
    List<JournalEntry> secretWrites =
        sim.journal().entries().stream()
            .filter(
                e ->
                    e.operation().matches("(POST|PUT|PATCH) secrets")
                        && e.resource().endsWith("/cluster-again-green"))
            .toList();
    assertEquals(1, secretWrites.size(), secretWrites.toString());
  }

  @Test
  void deregisterGreen_leavesNoRegistrationAndNoApplicationBehind() {
    deployed("gone-blue", "gone-green");
    DeregisterGreen cmd = new DeregisterGreen(id(), id(), "gone-blue", "gone-green");

    publish(cmd);
    awaitFact(GreenDeregistered.class, cmd);

    assertFalse(registered("gone-green"));
    assertTrue(applicationNames().stream().noneMatch(n -> n.startsWith("gone-green-")));
    assertTrue(registered("gone-blue"), "blue stays registered");
    assertTrue(applicationNames().containsAll(List.of("gone-blue-web", "gone-blue-api")));
  }

  @Test
  void deployWorkloads_findsABlueRegisteredWithoutTheClusterLabel_byItsName() {
    // Registered by hand: Argo CD's labels and the team's, not the bluegreen.dev/cluster label
    // that the lookup asks for first.
    kubernetes(sim.managementCluster())
        .secrets()
        .inNamespace("argocd")
        .withName("cluster-bare-blue")
        .edit(
            s -> {
              s.getMetadata().getLabels().remove("bluegreen.dev/cluster");
              return s;
            });
    DeployWorkloads cmd = new DeployWorkloads(id(), id(), "bare-blue", "bare-green");

    publish(cmd);
    WorkloadsDeployed deployed = awaitFact(WorkloadsDeployed.class, cmd);

    assertEquals(List.of("bare-green-api", "bare-green-web"), deployed.applications());
    assertEquals(
        "bare", registrationOf("bare-green").getMetadata().getLabels().get("bluegreen.dev/team"));
  }

  @Test
  void deregisterGreen_deletesEverySecretWithTheClusterLabelNamingGreen() {
    deployed("twice-blue", "twice-green");
    // A second registration of green, e.g. left by an earlier run under another secret name.
    Secret ours = registrationOf("twice-green");
    createArgoSecret("twice-green-again", ours.getMetadata().getLabels(), ours.getData());
    DeregisterGreen cmd = new DeregisterGreen(id(), id(), "twice-blue", "twice-green");

    publish(cmd);
    awaitFact(GreenDeregistered.class, cmd);

    assertFalse(registered("twice-green"));
    assertTrue(applicationNames().stream().noneMatch(n -> n.startsWith("twice-green-")));
    assertTrue(registered("twice-blue"), "blue stays registered");
  }

  @Test
  void deregisterGreen_registeredByHandWithoutTheClusterLabel_findsItByNameAndDeletesIt() {
    Secret blue = registrationOf("manual-blue");
    Map<String, String> labels = new HashMap<>(blue.getMetadata().getLabels());
    labels.remove("bluegreen.dev/cluster");
    Map<String, String> data = new HashMap<>(blue.getData());
    data.put("name", encode("manual-green"));
    data.put("server", encode(sim.kubernetesUrl("manual-green")));
    createArgoSecret("manual-green-by-hand", labels, data);
    assertTrue(registered("manual-green"));
    DeregisterGreen cmd = new DeregisterGreen(id(), id(), "manual-blue", "manual-green");

    publish(cmd);
    awaitFact(GreenDeregistered.class, cmd);

    assertFalse(registered("manual-green"));
    assertTrue(applicationNames().stream().noneMatch(n -> n.startsWith("manual-green-")));
    assertTrue(registered("manual-blue"), "blue stays registered");
  }

  @Test
  void transientApiErrors_areRetried_andTheDeploymentCompletes() {
    Fault argoDown =
        sim.faults()
            .add(kubernetesError("GET applications", "mgmt/argocd", 503, "ServiceUnavailable", 3));
    Fault blueHiccup =
        sim.faults().add(kubernetesError("PATCH cronjobs", "flaky-blue/", 500, "InternalError", 1));
    DeployWorkloads cmd = new DeployWorkloads(id(), id(), "flaky-blue", "flaky-green");

    publish(cmd);
    WorkloadsDeployed deployed = awaitFact(WorkloadsDeployed.class, cmd);

    assertEquals(List.of("flaky-green-api", "flaky-green-web"), deployed.applications());
    List<String> left = sim.faults().list().stream().map(Fault::id).toList();
    assertFalse(
        left.contains(argoDown.id()) || left.contains(blueHiccup.id()), "the errors happened");
    assertTrue(probe.eventsSoFar(Topics.FACTS, answers(cmd, PhaseFailed.class)).isEmpty());
  }

  @Test
  void permanentApiError_isReportedNotRetried_andChangesNothing() {
    deployed("deny-blue", "deny-green");
    sim.faults().add(kubernetesError("PATCH cronjobs", "deny-blue/", 403, "Forbidden", 1));
    HandOverCronJobs cmd =
        new HandOverCronJobs(
            id(), id(), "deny-blue", "deny-green", HandoverDirection.BLUE_TO_GREEN);

    publish(cmd);
    PhaseFailed failed = awaitFact(PhaseFailed.class, cmd);

    assertEquals("Kubernetes.403.Forbidden", failed.errorCode());
    assertFalse(failed.retryable());
    assertEquals(false, suspension("deny-blue").get("deny/report"), "blue still runs its work");
    assertEquals(true, suspension("deny-green").get("deny/report"));
  }

  private static Fault kubernetesError(
      String operation, String resource, int status, String code, int count) {
    return new Fault(
        null,
        Fault.Kind.ERROR,
        "kubernetes",
        operation,
        resource,
        code,
        status,
        "injected " + code,
        count,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  // --- Given ------------------------------------------------------------------------------

  private void deployed(String blue, String green) {
    DeployWorkloads cmd = new DeployWorkloads(id(), id(), blue, green);
    publish(cmd);
    awaitFact(WorkloadsDeployed.class, cmd);
  }

  /** What EKS add-ons would run: CNI, kube-proxy and CoreDNS pods, Running and Ready. */
  private void runAddOns(String cluster) {
    runAddOns(kubernetes(cluster));
  }

  /** VPC CNI, kube-proxy and two CoreDNS pods Running and Ready in kube-system. */
  static void runAddOns(KubernetesClient k) {
    for (String[] pod :
        new String[][] {
          {"aws-node-1", "aws-node"},
          {"kube-proxy-1", "kube-proxy"},
          {"coredns-1", "kube-dns"},
          {"coredns-2", "kube-dns"}
        }) {
      k.pods()
          .inNamespace("kube-system")
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName(pod[0])
                  .withNamespace("kube-system")
                  .addToLabels("k8s-app", pod[1])
                  .endMetadata()
                  .withNewStatus()
                  .withPhase("Running")
                  .addNewCondition()
                  .withType("Ready")
                  .withStatus("True")
                  .endCondition()
                  .endStatus()
                  .build())
          .create();
    }
  }

  private void setSuspended(String cluster, String key, boolean suspended) {
    String[] nsName = key.split("/");
    kubernetes(cluster)
        .batch()
        .v1()
        .cronjobs()
        .inNamespace(nsName[0])
        .withName(nsName[1])
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":" + suspended + "}}");
  }

  // --- Then -------------------------------------------------------------------------------

  private Map<String, Boolean> suspension(String cluster) {
    Map<String, Boolean> out = new HashMap<>();
    cronJobs(cluster)
        .forEach(
            c ->
                out.put(
                    c.getMetadata().getNamespace() + "/" + c.getMetadata().getName(),
                    Boolean.TRUE.equals(c.getSpec().getSuspend())));
    return out;
  }

  private List<CronJob> cronJobs(String cluster) {
    return kubernetes(cluster).batch().v1().cronjobs().inAnyNamespace().list().getItems();
  }

  /**
   * Replays every CronJob write the simulator journalled since {@code afterSeq} on both clusters,
   * from both sides' state before the handover, and returns each moment a CronJob ran unsuspended
   * on both.
   */
  private List<String> momentsActiveOnBoth(long afterSeq, String blue, String green) {
    List<JournalEntry> writes =
        sim.journal().since(afterSeq).stream()
            .filter(e -> "kubernetes".equals(e.service()) && e.operation().endsWith(" cronjobs"))
            .filter(e -> e.note() != null && e.note().startsWith("suspend="))
            .toList();
    // Before the first write: blue ran everything its owners had not suspended, green nothing.
    Map<String, Boolean> blueSuspended =
        new HashMap<>(Map.of("hand/report", false, "hand/cleanup", true));
    Map<String, Boolean> greenSuspended =
        new HashMap<>(Map.of("hand/report", true, "hand/cleanup", true));
    List<String> violations = new ArrayList<>();
    for (JournalEntry e : writes) {
      String[] parts = e.resource().split("/", 2); // cluster/ns/name
      boolean suspended = Boolean.parseBoolean(e.note().substring("suspend=".length()));
      if (parts[0].equals(blue)) {
        blueSuspended.put(parts[1], suspended);
      } else if (parts[0].equals(green)) {
        greenSuspended.put(parts[1], suspended);
      } else {
        continue;
      }
      blueSuspended.forEach(
          (k, s) -> {
            if (!s && Boolean.FALSE.equals(greenSuspended.get(k))) {
              violations.add("#" + e.seq() + " " + k);
            }
          });
    }
    assertFalse(writes.isEmpty(), "the handover wrote CronJobs");
    return violations;
  }

  private long lastJournalSeq() {
    List<JournalEntry> all = sim.journal().entries();
    return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
  }

  /** A cluster secret in Argo CD's namespace, written as a person (or an earlier run) would. */
  private void createArgoSecret(String name, Map<String, String> labels, Map<String, String> data) {
    kubernetes(sim.managementCluster())
        .secrets()
        .inNamespace("argocd")
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("argocd")
                .withLabels(labels)
                .endMetadata()
                .withType("Opaque")
                .withData(data)
                .build())
        .create();
  }

  private boolean registered(String cluster) {
    return kubernetes(sim.managementCluster())
        .secrets()
        .inNamespace("argocd")
        .withLabel("argocd.argoproj.io/secret-type", "cluster")
        .list()
        .getItems()
        .stream()
        .anyMatch(s -> cluster.equals(decode(s.getData().get("name"))));
  }

  private Secret registrationOf(String cluster) {
    return kubernetes(sim.managementCluster())
        .secrets()
        .inNamespace("argocd")
        .withLabel("argocd.argoproj.io/secret-type", "cluster")
        .list()
        .getItems()
        .stream()
        .filter(s -> cluster.equals(decode(s.getData().get("name"))))
        .findFirst()
        .orElseThrow(() -> new AssertionError(cluster + " is not registered"));
  }

  private List<String> applicationNames() {
    return kubernetes(sim.managementCluster())
        .genericKubernetesResources("argoproj.io/v1alpha1", "Application")
        .inNamespace("argocd")
        .list()
        .getItems()
        .stream()
        .map(a -> a.getMetadata().getName())
        .toList();
  }

  // --- Plumbing ---------------------------------------------------------------------------

  private void publish(Command command) {
    probe.publish(CloudEvent.of("test", command, Instant.now()));
  }

  private <T extends Fact> T awaitFact(Class<T> type, Command cmd) {
    return awaitFact(type, cmd, f -> true);
  }

  private <T extends Fact> T awaitFact(Class<T> type, Command cmd, Predicate<T> matching) {
    return probe
        .await(
            Topics.FACTS,
            type,
            f -> f.commandId().equals(cmd.commandId()) && matching.test(f),
            FACT_DEADLINE)
        .data();
  }

  private static Predicate<CloudEvent<?>> answers(Command cmd, Class<? extends Fact> type) {
    return e -> type.isInstance(e.data()) && ((Fact) e.data()).commandId().equals(cmd.commandId());
  }

  private KubernetesClient kubernetes(String cluster) {
    KubernetesClient client = kubernetes(sim, cluster);
    clients.add(client);
    return client;
  }

  /** Config.empty(): never read the ~/.kube/config of the machine running the tests. */
  static KubernetesClient kubernetes(CloudSim sim, String cluster) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(sim.kubernetesUrl(cluster))
            .withTrustCerts(true)
            .withRequestRetryBackoffLimit(0)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static String encode(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String base64) {
    return base64 == null
        ? null
        : new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }
}
