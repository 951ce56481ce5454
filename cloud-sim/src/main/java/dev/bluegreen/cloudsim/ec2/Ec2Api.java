package dev.bluegreen.cloudsim.ec2;

import dev.bluegreen.cloudsim.core.ErrorKind;
import dev.bluegreen.cloudsim.core.SimError;
import dev.bluegreen.cloudsim.core.Subnet;
import dev.bluegreen.cloudsim.core.World;
import dev.bluegreen.cloudsim.http.CallGuard;
import dev.bluegreen.cloudsim.http.SimResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * EC2 over its own query dialect (the "ec2" protocol): a form-encoded POST with {@code Action} and
 * {@code Version=2016-11-15}, lists as {@code SubnetId.N} and {@code Filter.N.Name} / {@code
 * Filter.N.Value.M} (no {@code .member.}), answered with XML whose root is {@code <ActionResponse>}
 * holding the result's members directly (no {@code Result} wrapper), lists as {@code <item>}, and
 * errors as {@code <Response><Errors><Error>}. Served: {@code DescribeSubnets} (free IPs per
 * subnet, which EKS has no API for) and the security-group actions shared resources need ({@link
 * SecurityGroupsXml}) and launch templates ({@link LaunchTemplatesXml}).
 */
public final class Ec2Api {
  /** The EC2 API version every SDK v2 EC2 client sends. */
  public static final String VERSION = "2016-11-15";

  private static final String NS = "http://ec2.amazonaws.com/doc/" + VERSION + "/";

  private final World world;
  private final CallGuard guard;

  public Ec2Api(World world, CallGuard guard) {
    this.world = world;
    this.guard = guard;
  }

  public SimResponse handle(Map<String, List<String>> form) {
    String action = first(form, "Action");
    try {
      if (action == null) {
        throw SimError.explicit(
            "MissingAction", 400, "The request must contain the parameter Action");
      }
      String body =
          switch (action) {
            case "DescribeSubnets" -> {
              List<String> ids = indexed(form, "SubnetId");
              guard.before("ec2", action, ids.isEmpty() ? null : String.join(",", ids));
              yield world.locked(w -> describeSubnets(w, form, ids));
            }
            case "DescribeSecurityGroups" -> {
              guard.before("ec2", action, joined(indexed(form, "GroupId")));
              yield world.locked(w -> SecurityGroupsXml.describeGroups(w, form));
            }
            case "DescribeSecurityGroupRules" -> {
              guard.before("ec2", action, joined(indexed(form, "SecurityGroupRuleId")));
              yield world.locked(w -> SecurityGroupsXml.describeRules(w, form));
            }
            case "AuthorizeSecurityGroupIngress" -> {
              guard.before("ec2", action, first(form, "GroupId"));
              yield world.locked(w -> SecurityGroupsXml.authorizeIngress(w, form));
            }
            case "RevokeSecurityGroupIngress" -> {
              guard.before("ec2", action, first(form, "GroupId"));
              yield world.locked(w -> SecurityGroupsXml.revokeIngress(w, form));
            }
            case "CreateTags" -> {
              guard.before("ec2", action, joined(indexed(form, "ResourceId")));
              yield world.locked(w -> SecurityGroupsXml.createTags(w, form));
            }
            case "CreateLaunchTemplate" -> {
              guard.before("ec2", action, first(form, "LaunchTemplateName"));
              yield world.locked(w -> LaunchTemplatesXml.create(w, form));
            }
            case "DescribeLaunchTemplates" -> {
              guard.before("ec2", action, null);
              yield world.locked(w -> LaunchTemplatesXml.describe(w, form));
            }
            case "DescribeLaunchTemplateVersions" -> {
              guard.before("ec2", action, null);
              yield world.locked(w -> LaunchTemplatesXml.describeVersions(w, form));
            }
            case "DeleteLaunchTemplate" -> {
              guard.before("ec2", action, null);
              yield world.locked(w -> LaunchTemplatesXml.delete(w, form));
            }
            default ->
                throw SimError.explicit(
                    "InvalidAction",
                    400,
                    "The action " + action + " is not valid for this web service.");
          };
      String xml =
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><"
              + action
              + "Response xmlns=\""
              + NS
              + "\"><requestId>"
              + UUID.randomUUID()
              + "</requestId>"
              + body
              + "</"
              + action
              + "Response>";
      return SimResponse.xml(200, xml);
    } catch (SimError e) {
      return error(e);
    }
  }

  private static String joined(List<String> ids) {
    return ids.isEmpty() ? null : String.join(",", ids);
  }

  private static String describeSubnets(World w, Map<String, List<String>> form, List<String> ids) {
    List<Subnet> out = new ArrayList<>();
    if (ids.isEmpty()) {
      out.addAll(w.eks().subnets().list());
    } else {
      for (String id : ids) {
        // Like EC2: one unknown ID fails the whole call, naming it.
        out.add(
            w.eks()
                .subnets()
                .find(id)
                .orElseThrow(
                    () ->
                        SimError.explicit(
                            "InvalidSubnetID.NotFound",
                            400,
                            "The subnet ID '" + id + "' does not exist")));
      }
    }
    for (int i = 1; first(form, "Filter." + i + ".Name") != null; i++) {
      String name = first(form, "Filter." + i + ".Name");
      List<String> values = indexed(form, "Filter." + i + ".Value");
      out.removeIf(s -> !values.contains(filterValue(s, name)));
    }
    StringBuilder x = new StringBuilder("<subnetSet>");
    for (Subnet s : out) {
      x.append("<item>");
      el(x, "subnetId", s.id);
      el(x, "subnetArn", "arn:aws:ec2:" + w.region() + ":" + w.accountId() + ":subnet/" + s.id);
      el(x, "state", "available");
      el(x, "ownerId", w.accountId());
      el(x, "vpcId", s.vpcId);
      el(x, "availableIpAddressCount", String.valueOf(Math.max(0, s.freeIps)));
      el(x, "availabilityZone", s.availabilityZone);
      el(x, "defaultForAz", "false");
      el(x, "mapPublicIpOnLaunch", "false");
      x.append("</item>");
    }
    return x.append("</subnetSet>").toString();
  }

  private static String filterValue(Subnet s, String filter) {
    return switch (filter) {
      case "vpc-id" -> s.vpcId;
      case "subnet-id" -> s.id;
      case "availability-zone" -> s.availabilityZone;
      default ->
          throw SimError.explicit(
              "InvalidParameterValue", 400, "The filter '" + filter + "' is invalid");
    };
  }

  private static SimResponse error(SimError e) {
    String code;
    int status;
    if (e.kind() == null) {
      code = e.explicitCode();
      status = e.explicitStatus() != 0 ? e.explicitStatus() : 400;
    } else if (e.kind() == ErrorKind.THROTTLED) {
      // EC2's throttling code; the SDK's standard retry strategy treats it as throttling.
      code = "RequestLimitExceeded";
      status = 503;
    } else {
      code = "InvalidParameterValue";
      status = 400;
    }
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>");
    x.append("<Errors><Error>");
    el(x, "Code", code);
    el(x, "Message", String.valueOf(e.getMessage()));
    x.append("</Error></Errors>");
    el(x, "RequestID", UUID.randomUUID().toString());
    x.append("</Response>");
    return SimResponse.xml(status, x.toString());
  }

  static void el(StringBuilder x, String name, String text) {
    if (text == null) {
      return;
    }
    x.append('<')
        .append(name)
        .append('>')
        .append(
            text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;"))
        .append("</")
        .append(name)
        .append('>');
  }

  static String first(Map<String, List<String>> form, String name) {
    List<String> v = form.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** EC2 lists: {@code Name.1}, {@code Name.2}, ... */
  static List<String> indexed(Map<String, List<String>> form, String name) {
    List<String> out = new ArrayList<>();
    for (int i = 1; first(form, name + "." + i) != null; i++) {
      out.add(first(form, name + "." + i));
    }
    return out;
  }
}
