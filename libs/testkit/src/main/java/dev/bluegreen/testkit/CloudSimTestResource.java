package dev.bluegreen.testkit;

import dev.bluegreen.cloudsim.CloudSim;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource: starts cloud-sim in-process before the application, as the service's
 * {@link TestCloud} describes it, and points the service's AWS clients at it ({@code
 * bluegreen.aws.endpoint-override} and {@code bluegreen.aws.region}) plus whatever the test cloud
 * adds. Use with
 *
 * <pre>{@code
 * @QuarkusTestResource(
 *     value = CloudSimTestResource.class,
 *     initArgs = @ResourceArg(name = CloudSimTestResource.CLOUD, value = "dev.bluegreen.x.XCloud"))
 * }</pre>
 *
 * and receive the simulator in a field marked {@link InjectCloudSim}.
 */
public final class CloudSimTestResource implements QuarkusTestResourceLifecycleManager {
  /** Init arg: the class name of the service's {@link TestCloud}. */
  public static final String CLOUD = "cloud";

  private TestCloud cloud;
  private CloudSim sim;

  @Override
  public void init(Map<String, String> initArgs) {
    String name = initArgs.get(CLOUD);
    if (name == null) {
      throw new IllegalArgumentException(
          "CloudSimTestResource needs the init arg '" + CLOUD + "': a TestCloud's class name");
    }
    try {
      cloud =
          (TestCloud)
              Class.forName(name, true, Thread.currentThread().getContextClassLoader())
                  .getDeclaredConstructor()
                  .newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalArgumentException(
          name + " is not a TestCloud with a public no-argument constructor", e);
    }
  }

  @Override
  public Map<String, String> start() {
    sim = CloudSim.start(cloud.simulator());
    cloud.prepare(sim);
    Map<String, String> config = new HashMap<>(cloud.config(sim));
    config.put("bluegreen.aws.endpoint-override", sim.endpoint().toString());
    config.put("bluegreen.aws.region", sim.region());
    return config;
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(
        sim, new TestInjector.AnnotatedAndMatchesType(InjectCloudSim.class, CloudSim.class));
  }

  @Override
  public void stop() {
    if (sim != null) {
      sim.close();
    }
  }
}
