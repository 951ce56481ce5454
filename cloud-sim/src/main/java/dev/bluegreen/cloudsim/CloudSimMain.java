package dev.bluegreen.cloudsim;

import dev.bluegreen.cloudsim.core.Fleet;
import dev.bluegreen.cloudsim.core.FleetGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator as its own process, for the local run and compose.
 *
 * <pre>
 * java -Xmx256m -cp ... dev.bluegreen.cloudsim.CloudSimMain \
 *     --port 4566 --fleet demo|generated:1000|path/to/fleet.yaml \
 *     [--host 0.0.0.0] [--advertised-url http://cloud-sim:4566] [--time-compression 60]
 * java -cp ... dev.bluegreen.cloudsim.CloudSimMain --print-fleet 1000 &gt; fleet-1000.yaml
 * </pre>
 */
public final class CloudSimMain {
  private CloudSimMain() {}

  public static void main(String[] args) throws InterruptedException {
    // A local demo should finish in minutes: 15 minutes of cluster creation take 15 seconds.
    CloudSimConfig config = CloudSimConfig.defaults().withPort(4566).withTimeCompression(60);
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--port" -> config = config.withPort(Integer.parseInt(required(args[i], value)));
        case "--host" -> config = config.withHost(required(args[i], value));
        case "--advertised-url" -> config = config.withAdvertisedUrl(required(args[i], value));
        case "--time-compression" ->
            config = config.withTimeCompression(Double.parseDouble(required(args[i], value)));
        case "--fleet" -> config = config.withFleet(fleet(required(args[i], value)));
        case "--print-fleet" -> {
          System.out.print(
              FleetGenerator.generate(Integer.parseInt(required(args[i], value))).toYaml());
          return;
        }
        case "--help", "-h" -> {
          usage();
          return;
        }
        default -> {
          System.err.println("unknown argument " + args[i]);
          usage();
          System.exit(2);
        }
      }
      i++;
    }
    CloudSim sim = CloudSim.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sim.close();
                  stopped.countDown();
                },
                "cloud-sim-shutdown"));
    System.out.println(
        "cloud-sim listening on "
            + sim.endpoint()
            + " with "
            + sim.clusterNames().size()
            + " clusters; management cluster "
            + sim.managementCluster());
    stopped.await();
  }

  private static Fleet fleet(String spec) {
    if (spec.equals("demo")) {
      return Fleet.demo();
    }
    if (spec.startsWith("generated:")) {
      return FleetGenerator.generate(Integer.parseInt(spec.substring("generated:".length())));
    }
    Path file = Path.of(spec);
    try (InputStream in = Files.newInputStream(file)) {
      return Fleet.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fleet file " + file, e);
    }
  }

  private static String required(String flag, String value) {
    if (value == null) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return value;
  }

  private static void usage() {
    System.err.println(
        "usage: CloudSimMain [--port 4566] [--host 127.0.0.1] [--advertised-url URL]"
            + " [--time-compression N] [--fleet demo|generated:N|file.yaml] | --print-fleet N");
  }
}
