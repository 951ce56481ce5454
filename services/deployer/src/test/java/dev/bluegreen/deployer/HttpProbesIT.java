package dev.bluegreen.deployer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bluegreen.cloudsim.CloudSim;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.contracts.CloudEvent;
import dev.bluegreen.contracts.Command;
import dev.bluegreen.contracts.Fact;
import dev.bluegreen.contracts.Topics;
import dev.bluegreen.contracts.events.Check;
import dev.bluegreen.contracts.events.CheckResult;
import dev.bluegreen.contracts.events.DeployWorkloads;
import dev.bluegreen.contracts.events.SmokeTestsCompleted;
import dev.bluegreen.contracts.events.VerifyGreen;
import dev.bluegreen.contracts.events.WorkloadsDeployed;
import dev.bluegreen.testkit.CloudSimTestResource;
import dev.bluegreen.testkit.EventProbe;
import dev.bluegreen.testkit.InjectCloudSim;
import dev.bluegreen.testkit.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The configured HTTP probes of the smoke tests, sent through green's API server service proxy to
 * the applications Argo CD deployed there (cloud-sim answers for them). Probes are configuration,
 * so this class has its own: {@code web} and {@code api} of the {@code probe} team.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(
    value = CloudSimTestResource.class,
    initArgs =
        @ResourceArg(
            name = CloudSimTestResource.CLOUD,
            value = "dev.bluegreen.deployer.DeployerCloud"))
@QuarkusTestResource(value = HttpProbesIT.WithProbes.class, restrictToAnnotatedClass = true)
class HttpProbesIT {

  /**
   * Probes for the two applications every test team runs, in the probe team's namespace. A test
   * resource restricted to this class rather than a test profile: with a profile Quarkus refuses
   * the build-time Kubernetes client URL that the simulator sets at runtime.
   */
  public static final class WithProbes implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      return Map.of(
          "bluegreen.deployer.probes.web.namespace", "probe",
          "bluegreen.deployer.probes.web.service", "web",
          "bluegreen.deployer.probes.web.path", "/healthz",
          "bluegreen.deployer.probes.api.namespace", "probe",
          "bluegreen.deployer.probes.api.service", "api",
          "bluegreen.deployer.probes.api.port", "80",
          "bluegreen.deployer.probes.api.path", "/ready",
          "bluegreen.deployer.probes.api.expected-status", "200");
    }

    @Override
    public void stop() {}
  }

  private static final Duration FACT_DEADLINE = Duration.ofSeconds(40);

  @InjectCloudSim CloudSim sim;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  private EventProbe probe;

  @BeforeEach
  void greenRunsTheApplications() {
    probe = new EventProbe(bootstrapServers);
    // Deploying again is idempotent: whichever test runs first deploys, the other finds it done.
    DeployWorkloads deploy =
        new DeployWorkloads(id(), "probe-upgrade", "probe-blue", "probe-green");
    publish(deploy);
    await(WorkloadsDeployed.class, deploy);
  }

  @AfterEach
  void close() {
    sim.faults().clear();
    probe.close();
  }

  @Test
  void verifyGreen_probesEachApplicationThroughGreensServiceProxy_andPasses() {
    VerifyGreen cmd = new VerifyGreen(id(), "probe-upgrade", "probe-blue", "probe-green");

    publish(cmd);
    SmokeTestsCompleted done = await(SmokeTestsCompleted.class, cmd);

    assertTrue(done.passed(), () -> "checks: " + done.checks());
    Check api = check(done, "http:api");
    assertEquals(CheckResult.PASS, api.result(), api.reason());
    assertEquals("probe/api:80/ready answered 200", api.reason());
    assertEquals(200, api.data().get("status"));
    assertEquals(CheckResult.PASS, check(done, "http:web").result());
  }

  @Test
  void verifyGreen_whenAnApplicationAnswersAnotherStatus_failsTheSmokeTestNamingItAndWhy() {
    sim.faults().add(Fault.appStatus("probe-green/probe/api/ready", 503));
    VerifyGreen cmd = new VerifyGreen(id(), "probe-upgrade", "probe-blue", "probe-green");

    publish(cmd);
    SmokeTestsCompleted done = await(SmokeTestsCompleted.class, cmd);

    assertFalse(done.passed());
    Check api = check(done, "http:api");
    assertEquals(CheckResult.FAIL, api.result());
    assertEquals("probe/api:80/ready answered 503, expected 200", api.reason());
    assertEquals(503, api.data().get("status"));
    assertEquals(200, api.data().get("expectedStatus"));
    assertEquals(CheckResult.PASS, check(done, "http:web").result(), "the other app still passes");
  }

  private static Check check(SmokeTestsCompleted done, String name) {
    return done.checks().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + done.checks()));
  }

  private void publish(Command command) {
    probe.publish(CloudEvent.of("test", command, Instant.now()));
  }

  private <T extends Fact> T await(Class<T> type, Command cmd) {
    return probe
        .await(Topics.FACTS, type, f -> f.commandId().equals(cmd.commandId()), FACT_DEADLINE)
        .data();
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }
}
