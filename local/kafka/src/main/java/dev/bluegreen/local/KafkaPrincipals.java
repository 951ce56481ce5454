package dev.bluegreen.local;

import dev.bluegreen.contracts.TopicSpec;
import dev.bluegreen.contracts.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the platform's Kafka: one principal per service, and the ACLs that let each do
 * its job and nothing else (issue 21). A phase service reads only its own command topic (in its own
 * consumer group) and writes only the facts and the dead-letter topic; only the orchestrator writes
 * commands and the audit logs; the notifier reads only the audit logs (upgrades' and campaigns')
 * and the fleet freezes. Everything not granted here is refused ({@code
 * allow.everyone.if.no.acl.found=false}); the admin is a super user. A topic added to {@link
 * Topics} needs its writers and readers added here ({@code KafkaPrincipalsTest} fails until it has
 * a writer).
 */
public final class KafkaPrincipals {

  private KafkaPrincipals() {}

  /** The super user that creates topics, credentials and ACLs. */
  public static final String ADMIN = "admin";

  /** The Kafka Streams application id of the orchestrator: its groups, internal topics, txn ids. */
  public static final String ORCHESTRATOR_STREAMS_APP = "bluegreen-orchestrator";

  /** The group id prefix of the orchestrator API's reader of decisions (one group per instance). */
  public static final String ORCHESTRATOR_REPLIES_GROUP_PREFIX = "orchestrator-api-replies-";

  /** Each phase service and the command topic it alone reads (its consumer group is its name). */
  public static final Map<String, TopicSpec> PHASE_SERVICES =
      Map.of(
          "provisioner", Topics.PROVISIONER_COMMANDS,
          "deployer", Topics.DEPLOYER_COMMANDS,
          "traffic-shifter", Topics.TRAFFIC_SHIFTER_COMMANDS,
          "decommissioner", Topics.DECOMMISSIONER_COMMANDS);

  /**
   * Every principal the platform uses (the admin aside), in a stable order: the services, and
   * {@code replay}, the read-only principal of {@code bin/replay} (people after an incident).
   */
  public static final List<String> SERVICES =
      List.of(
          "orchestrator",
          "provisioner",
          "deployer",
          "traffic-shifter",
          "decommissioner",
          "notifier",
          "replay");

  /** The ACLs of every service principal, by principal name. */
  public static Map<String, List<AclBinding>> acls() {
    Map<String, List<AclBinding>> all = new LinkedHashMap<>();
    for (String service : SERVICES) {
      all.put(service, acls(service));
    }
    return all;
  }

  /** The ACLs of one service principal. */
  public static List<AclBinding> acls(String service) {
    Grants g = new Grants(service);
    switch (service) {
      case "orchestrator" -> {
        g.topic(Topics.REQUESTS, AclOperation.WRITE).topic(Topics.REQUESTS, AclOperation.READ);
        g.topic(Topics.FACTS, AclOperation.READ);
        PHASE_SERVICES.values().forEach(t -> g.topic(t, AclOperation.WRITE));
        // The processor writes the audit log; the API reads it for the answers to requests.
        g.topic(Topics.AUDIT, AclOperation.WRITE).topic(Topics.AUDIT, AclOperation.READ);
        g.topic(Topics.DEAD_LETTER, AclOperation.WRITE);
        // The API writes refused attempts of signed-in people to their own audit log.
        g.topic(Topics.ACCESS_AUDIT, AclOperation.WRITE);
        // The API writes fleet freezes; every instance reads them all (FleetFreezeReader).
        g.topic(Topics.FLEET_FREEZES, AclOperation.WRITE)
            .topic(Topics.FLEET_FREEZES, AclOperation.READ);
        // Campaigns run in the same Streams app: requests from the API, members' audit entries
        // re-keyed by campaign, the campaign audit log. The orchestrator's own, both ways.
        for (TopicSpec campaign :
            List.of(Topics.CAMPAIGN_REQUESTS, Topics.CAMPAIGN_MEMBERS, Topics.CAMPAIGN_AUDIT)) {
          g.topic(campaign, AclOperation.WRITE).topic(campaign, AclOperation.READ);
        }
        // Kafka Streams: its changelog and repartition topics, its group, its transactions
        // (exactly_once_v2: transactional ids are <application id>-<process id>-<n>).
        g.prefixed(ResourceType.TOPIC, ORCHESTRATOR_STREAMS_APP + "-", AclOperation.ALL);
        g.prefixed(ResourceType.GROUP, ORCHESTRATOR_STREAMS_APP, AclOperation.READ);
        g.prefixed(ResourceType.TRANSACTIONAL_ID, ORCHESTRATOR_STREAMS_APP, AclOperation.WRITE);
        g.prefixed(ResourceType.TRANSACTIONAL_ID, ORCHESTRATOR_STREAMS_APP, AclOperation.DESCRIBE);
        g.prefixed(ResourceType.GROUP, ORCHESTRATOR_REPLIES_GROUP_PREFIX, AclOperation.READ);
      }
      case "notifier" -> {
        g.topic(Topics.AUDIT, AclOperation.READ);
        // Campaign news (wave started/finished, paused, gate waiting) for the team channels.
        g.topic(Topics.CAMPAIGN_AUDIT, AclOperation.READ);
        // Fleet freezes declared, changed or lifted, for every channel.
        g.topic(Topics.FLEET_FREEZES, AclOperation.READ);
        g.literal(ResourceType.GROUP, service, AclOperation.READ);
        g.topic(Topics.DEAD_LETTER, AclOperation.WRITE);
      }
      case "replay" -> {
        // Reads the audit logs by partition (no group, nothing committed) and writes nothing.
        g.topic(Topics.AUDIT, AclOperation.READ);
        g.topic(Topics.CAMPAIGN_AUDIT, AclOperation.READ);
        g.topic(Topics.ACCESS_AUDIT, AclOperation.READ);
      }
      default -> {
        TopicSpec commands = PHASE_SERVICES.get(service);
        if (commands == null) {
          throw new IllegalArgumentException("no Kafka principal " + service);
        }
        g.topic(commands, AclOperation.READ);
        g.literal(ResourceType.GROUP, service, AclOperation.READ);
        g.topic(Topics.FACTS, AclOperation.WRITE);
        g.topic(Topics.DEAD_LETTER, AclOperation.WRITE);
      }
    }
    return g.bindings;
  }

  /** The Kafka principal of a user name ({@code User:<name>}). */
  public static String principal(String user) {
    return "User:" + user;
  }

  private static final class Grants {
    final String principal;
    final List<AclBinding> bindings = new ArrayList<>();

    Grants(String user) {
      this.principal = principal(user);
    }

    Grants topic(TopicSpec topic, AclOperation op) {
      return literal(ResourceType.TOPIC, topic.name(), op);
    }

    Grants literal(ResourceType type, String name, AclOperation op) {
      return add(new ResourcePattern(type, name, PatternType.LITERAL), op);
    }

    Grants prefixed(ResourceType type, String prefix, AclOperation op) {
      return add(new ResourcePattern(type, prefix, PatternType.PREFIXED), op);
    }

    private Grants add(ResourcePattern pattern, AclOperation op) {
      bindings.add(
          new AclBinding(
              pattern, new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW)));
      return this;
    }
  }
}
