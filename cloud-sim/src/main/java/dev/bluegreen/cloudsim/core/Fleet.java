package dev.bluegreen.cloudsim.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A fleet file: the world the simulator starts with. YAML or JSON (JSON is YAML). See the module
 * README for the format and {@code demo-fleet.yaml} for an example.
 *
 * @param managementCluster name of the cluster that runs Argo CD (default "mgmt")
 * @param teams teams with the applications Argo CD deploys to each of their clusters
 * @param clusters the EKS clusters
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Fleet(String managementCluster, List<Team> teams, List<FleetCluster> clusters) {

  /** A team and its applications. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Team(String name, List<App> applications) {}

  /** An application (one Argo CD ApplicationSet per team and application). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record App(String name, Integer replicas, List<CronJobSpec> cronJobs) {}

  /** A CronJob an application ships. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CronJobSpec(String name, String schedule) {}

  /** One cluster of the fleet. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record FleetCluster(
      String name,
      String version,
      String team,
      String vpcId,
      List<SubnetSpec> subnets,
      List<NodeGroupSpec> nodeGroups,
      List<AddonSpec> addons,
      String loadBalancer,
      String host,
      Integer priority,
      Double requestsPerSecond,
      List<DeprecatedApi> deprecatedApis) {}

  /** A subnet and its free IPs. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record SubnetSpec(String id, String az, int freeIps) {}

  /** A managed node group. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record NodeGroupSpec(
      String name,
      List<String> instanceTypes,
      int minSize,
      int maxSize,
      int desiredSize,
      Map<String, String> labels,
      List<NodeGroup.Taint> taints) {}

  /** An add-on; version null means the default for the cluster's Kubernetes version. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AddonSpec(String name, String version) {}

  /** Reads a fleet file (YAML or JSON). */
  public static Fleet read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fleet file " + file, e);
    }
  }

  public static Fleet read(InputStream in) throws IOException {
    return mapper().readValue(in, Fleet.class);
  }

  /** The demo fleet shipped with the simulator (12 clusters, 3 teams, 3 versions). */
  public static Fleet demo() {
    try (InputStream in =
        Fleet.class.getResourceAsStream("/dev/bluegreen/cloudsim/demo-fleet.yaml")) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the demo fleet", e);
    }
  }

  /** The fleet as YAML. */
  public String toYaml() {
    try {
      return mapper().writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectMapper mapper() {
    YAMLFactory yaml =
        YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // Versions like 1.30 must stay strings, not become the number 1.3.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();
    return new ObjectMapper(yaml).disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }
}
