package dev.bluegreen.cloudsim;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.bluegreen.cloudsim.core.Cluster;
import dev.bluegreen.cloudsim.core.Fault;
import dev.bluegreen.cloudsim.core.JournalEntry;
import dev.bluegreen.cloudsim.core.ListenerRule;
import dev.bluegreen.cloudsim.core.NodeGroup;
import dev.bluegreen.cloudsim.core.SimError;
import dev.bluegreen.cloudsim.core.Subnet;
import dev.bluegreen.cloudsim.core.TargetWeight;
import dev.bluegreen.cloudsim.core.World;
import dev.bluegreen.cloudsim.http.SimRequest;
import dev.bluegreen.cloudsim.http.SimResponse;
import java.io.IOException;
import java.util.List;

/**
 * The simulator's own HTTP API under {@code /_sim}: faults, journal, the IAM actions per caller, a
 * world summary, traffic rates and health. Documented in the module README.
 */
final class ControlApi {
  static final String PATH_PREFIX = "/_sim";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .build();

  private final CloudSim sim;
  private final World world;

  ControlApi(CloudSim sim, World world) {
    this.sim = sim;
    this.world = world;
  }

  SimResponse handle(SimRequest req) {
    List<String> s = req.segments();
    String route = req.method() + " " + (s.size() > 1 ? s.get(1) : "");
    try {
      return switch (route) {
        case "GET health" -> json(200, JSON.createObjectNode().put("status", "UP"));
        case "GET endpoints" -> json(200, endpoints());
        case "GET faults" -> json(200, JSON.valueToTree(sim.faults().list()));
        case "POST faults" -> json(201, JSON.valueToTree(sim.faults().add(read(req, Fault.class))));
        case "DELETE faults" -> {
          if (s.size() > 2) {
            if (!sim.faults().remove(s.get(2))) {
              yield message(404, "no fault with id " + s.get(2));
            }
          } else {
            sim.faults().clear();
          }
          yield new SimResponse(204, new java.util.LinkedHashMap<>(), new byte[0]);
        }
        case "GET journal" -> {
          if (s.size() > 2 && s.get(2).equals("violations")) {
            yield json(200, JSON.valueToTree(sim.journal().violations()));
          }
          if (s.size() > 2 && s.get(2).equals("duplicates")) {
            yield json(200, JSON.valueToTree(sim.journal().duplicateCreations()));
          }
          long since =
              req.queryParam("since") == null ? 0 : Long.parseLong(req.queryParam("since"));
          String op = req.queryParam("operation");
          List<JournalEntry> entries =
              sim.journal().since(since).stream()
                  .filter(e -> op == null || op.equals(e.operation()))
                  .toList();
          yield json(200, JSON.valueToTree(entries));
        }
        case "GET callers" -> json(200, JSON.valueToTree(sim.callers().actions()));
        case "GET world" -> json(200, world.locked(this::summary));
        case "POST traffic" -> {
          JsonNode body = read(req, JsonNode.class);
          String rule = body.path("ruleArn").asText(null);
          double rps = body.path("requestsPerSecond").asDouble(-1);
          if (rule == null || rps < 0) {
            yield message(400, "ruleArn and requestsPerSecond >= 0 are required");
          }
          world.lockedRun(w -> w.traffic().setRequestRate(rule, rps));
          yield json(
              200, JSON.createObjectNode().put("ruleArn", rule).put("requestsPerSecond", rps));
        }
        default -> message(404, "no simulator endpoint " + route + "; see the cloud-sim README");
      };
    } catch (SimError e) {
      return message(
          e.kind() == dev.bluegreen.cloudsim.core.ErrorKind.NOT_FOUND ? 404 : 400, e.getMessage());
    } catch (NumberFormatException e) {
      return message(400, "bad number: " + e.getMessage());
    }
  }

  private ObjectNode endpoints() {
    ObjectNode n = JSON.createObjectNode();
    n.put("eks", sim.eksEndpoint().toString())
        .put("elbv2", sim.elbv2Endpoint().toString())
        .put("cloudwatch", sim.cloudWatchEndpoint().toString());
    ObjectNode k8s = n.putObject("kubernetes");
    world.lockedRun(
        w -> {
          k8s.put(w.managementCluster(), w.kubernetesUrl(w.managementCluster()));
          w.eks().clusters().list().forEach(c -> k8s.put(c.name, w.kubernetesUrl(c.name)));
        });
    return n;
  }

  private ObjectNode summary(World w) {
    ObjectNode n = JSON.createObjectNode();
    n.put("now", w.now().toString());
    ArrayNode clusters = n.putArray("clusters");
    for (Cluster c : w.eks().clusters().list()) {
      ObjectNode cn = clusters.addObject();
      cn.put("name", c.name)
          .put("version", c.version)
          .put("status", c.status.name())
          .put("team", c.team);
      cn.put("errorRate", w.traffic().errorRate(c.name));
      ArrayNode ngs = cn.putArray("nodeGroups");
      for (NodeGroup ng : c.nodeGroups.values()) {
        ngs.addObject()
            .put("name", ng.name)
            .put("status", ng.status.name())
            .put("desiredSize", ng.desiredSize);
      }
    }
    ArrayNode rules = n.putArray("rules");
    for (ListenerRule r : w.loadBalancing().rules()) {
      if (r.isDefault()) {
        continue;
      }
      ObjectNode rn = rules.addObject();
      rn.put("arn", r.arn)
          .put("priority", r.priority)
          .put("requestsPerSecond", r.requestsPerSecond);
      rn.set("hosts", JSON.valueToTree(r.hostHeaders));
      ArrayNode fw = rn.putArray("forward");
      for (TargetWeight tw : r.forward) {
        fw.addObject().put("targetGroupArn", tw.targetGroupArn()).put("weight", tw.weight());
      }
    }
    ArrayNode subnets = n.putArray("subnets");
    for (Subnet s : w.eks().subnets().list()) {
      subnets
          .addObject()
          .put("id", s.id)
          .put("vpcId", s.vpcId)
          .put("availabilityZone", s.availabilityZone)
          .put("freeIps", s.freeIps);
    }
    return n;
  }

  private static <T> T read(SimRequest req, Class<T> type) {
    try {
      return JSON.readValue(req.body(), type);
    } catch (IOException e) {
      throw SimError.invalid("cannot read request body: " + e.getMessage());
    }
  }

  private static SimResponse json(int status, JsonNode body) {
    return SimResponse.json(status, body.toString());
  }

  private static SimResponse message(int status, String message) {
    return SimResponse.json(status, JSON.createObjectNode().put("message", message).toString());
  }
}
