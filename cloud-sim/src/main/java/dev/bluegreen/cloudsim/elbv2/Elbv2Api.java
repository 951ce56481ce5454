package dev.bluegreen.cloudsim.elbv2;

import dev.bluegreen.cloudsim.core.ErrorKind;
import dev.bluegreen.cloudsim.core.Listener;
import dev.bluegreen.cloudsim.core.ListenerRule;
import dev.bluegreen.cloudsim.core.LoadBalancer;
import dev.bluegreen.cloudsim.core.LoadBalancing;
import dev.bluegreen.cloudsim.core.SimError;
import dev.bluegreen.cloudsim.core.TargetGroup;
import dev.bluegreen.cloudsim.core.TargetWeight;
import dev.bluegreen.cloudsim.core.World;
import dev.bluegreen.cloudsim.http.CallGuard;
import dev.bluegreen.cloudsim.http.SimResponse;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * ELBv2 over the AWS query protocol: a form-encoded POST with {@code Action} and {@code
 * Version=2015-12-01}, lists flattened as {@code Name.member.N}, answered with XML wrapped in
 * {@code <ActionResponse><ActionResult>}. Errors use the {@code <ErrorResponse><Error><Code>} shape
 * and ELBv2's own codes (RuleNotFound, TargetGroupNotFound, ResourceInUse, ValidationError,
 * Throttling...).
 */
public final class Elbv2Api {
  static final String NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

  private final World world;
  private final CallGuard guard;

  public Elbv2Api(World world, CallGuard guard) {
    this.world = world;
    this.guard = guard;
  }

  public SimResponse handle(Map<String, List<String>> form) {
    Params p = new Params(form);
    String action = p.get("Action");
    try {
      if (action == null) {
        throw SimError.explicit(
            "MissingAction", 400, "The request must contain the parameter Action");
      }
      guard.before(
          "elbv2", action, p.first("RuleArn", "TargetGroupArn", "ListenerArn", "LoadBalancerArn"));
      String result = world.locked(w -> dispatch(action, p));
      String xml =
          "<"
              + action
              + "Response xmlns=\""
              + NS
              + "\"><"
              + action
              + "Result>"
              + result
              + "</"
              + action
              + "Result><ResponseMetadata><RequestId>"
              + UUID.randomUUID()
              + "</RequestId></ResponseMetadata></"
              + action
              + "Response>";
      return SimResponse.xml(200, xml);
    } catch (SimError e) {
      return error(e, action);
    }
  }

  private String dispatch(String action, Params p) {
    LoadBalancing lb = world.loadBalancing();
    Xml x = new Xml();
    switch (action) {
      case "DescribeLoadBalancers" -> {
        List<String> arns = p.list("LoadBalancerArns");
        List<String> names = p.list("Names");
        x.open("LoadBalancers");
        for (LoadBalancer b : lb.loadBalancers()) {
          if ((arns.isEmpty() || arns.contains(b.arn))
              && (names.isEmpty() || names.contains(b.name))) {
            loadBalancer(x, b);
          }
        }
        x.close("LoadBalancers");
        arns.forEach(lb::loadBalancer);
        if (!names.isEmpty()
            && lb.loadBalancers().stream().noneMatch(b -> names.contains(b.name))) {
          throw SimError.notFound("One or more load balancers not found");
        }
      }
      case "DescribeListeners" -> {
        List<Listener> listeners;
        if (p.get("LoadBalancerArn") != null) {
          listeners = lb.listenersOf(p.get("LoadBalancerArn"));
        } else if (!p.list("ListenerArns").isEmpty()) {
          listeners = p.list("ListenerArns").stream().map(lb::listener).toList();
        } else {
          throw SimError.invalid("You must specify either listener ARNs or a load balancer ARN");
        }
        x.open("Listeners");
        for (Listener l : listeners) {
          x.open("member").el("ListenerArn", l.arn).el("LoadBalancerArn", l.loadBalancerArn);
          x.el("Port", l.port).el("Protocol", l.protocol);
          x.open("DefaultActions").open("member").el("Type", "fixed-response").el("Order", 1);
          x.open("FixedResponseConfig")
              .el("StatusCode", "404")
              .el("ContentType", "text/plain")
              .close("FixedResponseConfig");
          x.close("member").close("DefaultActions").close("member");
        }
        x.close("Listeners");
      }
      case "DescribeRules" -> {
        List<ListenerRule> rules;
        if (p.get("ListenerArn") != null) {
          rules = lb.rulesOf(p.get("ListenerArn"));
        } else if (!p.list("RuleArns").isEmpty()) {
          rules = p.list("RuleArns").stream().map(lb::rule).toList();
        } else {
          throw SimError.invalid("You must specify either listener ARN or rule ARNs");
        }
        x.open("Rules");
        rules.forEach(r -> rule(x, r, lb.observedForward(r)));
        x.close("Rules");
      }
      case "ModifyRule" -> {
        ListenerRule r = lb.modifyRule(p.get("RuleArn"), forwardFrom(p));
        x.open("Rules");
        rule(x, r, r.forward);
        x.close("Rules");
      }
      case "DescribeTargetGroups" -> {
        List<String> arns = p.list("TargetGroupArns");
        List<String> names = p.list("Names");
        String lbArn = p.get("LoadBalancerArn");
        arns.forEach(lb::targetGroup);
        x.open("TargetGroups");
        int matched = 0;
        for (TargetGroup tg : lb.targetGroups()) {
          if ((arns.isEmpty() || arns.contains(tg.arn))
              && (names.isEmpty() || names.contains(tg.name))
              && (lbArn == null || lb.loadBalancersOf(tg).contains(lbArn))) {
            targetGroup(x, tg, lb.loadBalancersOf(tg));
            matched++;
          }
        }
        x.close("TargetGroups");
        if (!names.isEmpty() && matched < names.size()) {
          throw SimError.notFound("One or more target groups not found");
        }
      }
      case "CreateTargetGroup" -> {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; p.get("Tags.member." + i + ".Key") != null; i++) {
          tags.put(p.get("Tags.member." + i + ".Key"), p.get("Tags.member." + i + ".Value"));
        }
        TargetGroup tg =
            lb.createTargetGroup(
                p.get("Name"),
                p.get("Protocol"),
                p.integer("Port"),
                p.get("VpcId"),
                p.get("TargetType"),
                tags);
        if (p.get("HealthCheckPath") != null) {
          tg.healthCheckPath = p.get("HealthCheckPath");
        }
        x.open("TargetGroups");
        targetGroup(x, tg, lb.loadBalancersOf(tg));
        x.close("TargetGroups");
      }
      case "DeleteTargetGroup" -> lb.deleteTargetGroup(p.required("TargetGroupArn"));
      case "RegisterTargets" -> lb.registerTargets(p.required("TargetGroupArn"), targets(p));
      case "DescribeTargetHealth" -> {
        List<TargetGroup.Target> only = targets(p);
        x.open("TargetHealthDescriptions");
        for (LoadBalancing.TargetHealth h : lb.targetHealth(p.required("TargetGroupArn"))) {
          if (!only.isEmpty() && only.stream().noneMatch(t -> t.id().equals(h.target().id()))) {
            continue;
          }
          x.open("member")
              .open("Target")
              .el("Id", h.target().id())
              .el("Port", h.target().port())
              .close("Target");
          x.el(
              "HealthCheckPort",
              h.target().port() == null ? "traffic-port" : String.valueOf(h.target().port()));
          x.open("TargetHealth")
              .el("State", h.state())
              .el("Reason", h.reason())
              .el("Description", h.description())
              .close("TargetHealth");
          x.close("member");
        }
        x.close("TargetHealthDescriptions");
      }
      case "AddTags" -> {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 1; p.get("Tags.member." + i + ".Key") != null; i++) {
          tags.put(p.get("Tags.member." + i + ".Key"), p.get("Tags.member." + i + ".Value"));
        }
        for (String arn : p.list("ResourceArns")) {
          lb.addTags(arn, tags);
        }
      }
      case "DescribeTags" -> {
        x.open("TagDescriptions");
        for (String arn : p.list("ResourceArns")) {
          Map<String, String> tags = lb.tagsOf(arn);
          x.open("member").el("ResourceArn", arn).open("Tags");
          tags.forEach((k, v) -> x.open("member").el("Key", k).el("Value", v).close("member"));
          x.close("Tags").close("member");
        }
        x.close("TagDescriptions");
      }
      default ->
          throw SimError.explicit(
              "InvalidAction", 400, "The action " + action + " is not valid for this web service.");
    }
    return x.toString();
  }

  private static List<TargetWeight> forwardFrom(Params p) {
    if (p.get("RuleArn") == null) {
      throw SimError.invalid("RuleArn is required");
    }
    List<TargetWeight> forward = new ArrayList<>();
    for (int a = 1; p.get("Actions.member." + a + ".Type") != null; a++) {
      String prefix = "Actions.member." + a + ".";
      if (!"forward".equals(p.get(prefix + "Type"))) {
        throw SimError.explicit(
            "UnsupportedProtocol",
            400,
            "The simulator only models forward actions, not " + p.get(prefix + "Type"));
      }
      String single = p.get(prefix + "TargetGroupArn");
      for (int t = 1;
          p.get(prefix + "ForwardConfig.TargetGroups.member." + t + ".TargetGroupArn") != null;
          t++) {
        String tp = prefix + "ForwardConfig.TargetGroups.member." + t + ".";
        Integer weight = p.integer(tp + "Weight");
        forward.add(new TargetWeight(p.get(tp + "TargetGroupArn"), weight == null ? 1 : weight));
      }
      if (forward.isEmpty() && single != null) {
        forward.add(new TargetWeight(single, 1));
      }
    }
    if (forward.isEmpty()) {
      throw SimError.invalid("A forward action with at least one target group is required");
    }
    return forward;
  }

  private static List<TargetGroup.Target> targets(Params p) {
    List<TargetGroup.Target> out = new ArrayList<>();
    for (int i = 1; p.get("Targets.member." + i + ".Id") != null; i++) {
      out.add(
          new TargetGroup.Target(
              p.get("Targets.member." + i + ".Id"), p.integer("Targets.member." + i + ".Port")));
    }
    return out;
  }

  // ---------------------------------------------------------------- shapes

  private static void loadBalancer(Xml x, LoadBalancer b) {
    x.open("member")
        .el("LoadBalancerArn", b.arn)
        .el("DNSName", b.dnsName)
        .el("CanonicalHostedZoneId", "Z35SXDOTRQ7X7K");
    x.el("CreatedTime", iso(b.createdAt))
        .el("LoadBalancerName", b.name)
        .el("Scheme", b.scheme)
        .el("VpcId", b.vpcId);
    x.open("State")
        .el("Code", "active")
        .close("State")
        .el("Type", "application")
        .el("IpAddressType", "ipv4");
    x.close("member");
  }

  private static void rule(Xml x, ListenerRule r, List<TargetWeight> forward) {
    x.open("member").el("RuleArn", r.arn).el("Priority", r.priority);
    x.open("Conditions");
    if (!r.hostHeaders.isEmpty()) {
      x.open("member").el("Field", "host-header").open("Values");
      r.hostHeaders.forEach(h -> x.el("member", h));
      x.close("Values").open("HostHeaderConfig").open("Values");
      r.hostHeaders.forEach(h -> x.el("member", h));
      x.close("Values").close("HostHeaderConfig").close("member");
    }
    if (!r.pathPatterns.isEmpty()) {
      x.open("member").el("Field", "path-pattern").open("PathPatternConfig").open("Values");
      r.pathPatterns.forEach(h -> x.el("member", h));
      x.close("Values").close("PathPatternConfig").close("member");
    }
    x.close("Conditions");
    x.open("Actions");
    if (forward.isEmpty()) {
      x.open("member").el("Type", "fixed-response").el("Order", 1);
      x.open("FixedResponseConfig")
          .el("StatusCode", "404")
          .el("ContentType", "text/plain")
          .close("FixedResponseConfig");
      x.close("member");
    } else {
      x.open("member").el("Type", "forward").el("Order", 1);
      if (forward.size() == 1) {
        x.el("TargetGroupArn", forward.get(0).targetGroupArn());
      }
      x.open("ForwardConfig").open("TargetGroups");
      for (TargetWeight tw : forward) {
        x.open("member")
            .el("TargetGroupArn", tw.targetGroupArn())
            .el("Weight", tw.weight())
            .close("member");
      }
      x.close("TargetGroups");
      x.open("TargetGroupStickinessConfig")
          .el("Enabled", false)
          .close("TargetGroupStickinessConfig");
      x.close("ForwardConfig").close("member");
    }
    x.close("Actions").el("IsDefault", r.isDefault()).close("member");
  }

  private static void targetGroup(Xml x, TargetGroup tg, List<String> lbArns) {
    x.open("member").el("TargetGroupArn", tg.arn).el("TargetGroupName", tg.name);
    x.el("Protocol", tg.protocol).el("Port", tg.port).el("VpcId", tg.vpcId);
    x.el("HealthCheckProtocol", "HTTP")
        .el("HealthCheckPort", "traffic-port")
        .el("HealthCheckEnabled", true);
    x.el("HealthCheckIntervalSeconds", 15).el("HealthCheckTimeoutSeconds", 5);
    x.el("HealthyThresholdCount", 2)
        .el("UnhealthyThresholdCount", 2)
        .el("HealthCheckPath", tg.healthCheckPath);
    x.open("Matcher").el("HttpCode", "200").close("Matcher");
    x.open("LoadBalancerArns");
    lbArns.forEach(a -> x.el("member", a));
    x.close("LoadBalancerArns")
        .el("TargetType", tg.targetType)
        .el("ProtocolVersion", "HTTP1")
        .el("IpAddressType", "ipv4");
    x.close("member");
  }

  private static String iso(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t);
  }

  /** The ELBv2 error codes the SDK maps to typed exceptions. */
  static SimResponse error(SimError e, String action) {
    String code;
    int status = 400;
    if (e.kind() == null) {
      code = e.explicitCode();
      status = e.explicitStatus() != 0 ? e.explicitStatus() : 400;
    } else {
      String msg = e.getMessage() == null ? "" : e.getMessage();
      code =
          switch (e.kind()) {
            case NOT_FOUND ->
                msg.contains("load balancers")
                    ? "LoadBalancerNotFound"
                    : msg.contains("listeners")
                        ? "ListenerNotFound"
                        : msg.contains("rules") ? "RuleNotFound" : "TargetGroupNotFound";
            case ALREADY_EXISTS -> "DuplicateTargetGroupName";
            case IN_USE, CONFLICT -> "ResourceInUse";
            case LIMIT_EXCEEDED -> "TooManyTargetGroups";
            case THROTTLED -> "Throttling";
            default -> "ValidationError";
          };
    }
    String type = status >= 500 ? "Receiver" : "Sender";
    String xml =
        "<ErrorResponse xmlns=\""
            + NS
            + "\"><Error><Type>"
            + type
            + "</Type><Code>"
            + Xml.escape(code)
            + "</Code><Message>"
            + Xml.escape(String.valueOf(e.getMessage()))
            + "</Message></Error><RequestId>"
            + UUID.randomUUID()
            + "</RequestId></ErrorResponse>";
    return SimResponse.xml(status, xml);
  }

  /** Query-protocol parameters with the {@code Name.member.N} list convention. */
  private record Params(Map<String, List<String>> form) {
    String get(String name) {
      List<String> v = form.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    String required(String name) {
      String v = get(name);
      if (v == null || v.isEmpty()) {
        throw SimError.invalid(name + " is required");
      }
      return v;
    }

    String first(String... names) {
      for (String n : names) {
        if (get(n) != null) {
          return get(n);
        }
      }
      return null;
    }

    Integer integer(String name) {
      String v = get(name);
      if (v == null) {
        return null;
      }
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new SimError(ErrorKind.INVALID, name + " must be an integer");
      }
    }

    List<String> list(String name) {
      List<String> out = new ArrayList<>();
      for (int i = 1; get(name + ".member." + i) != null; i++) {
        out.add(get(name + ".member." + i));
      }
      return out;
    }
  }
}
