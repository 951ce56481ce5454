package dev.bluegreen.cloudsim.http;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Which AWS operations each caller invoked, as IAM actions ({@code eks:DescribeCluster}, {@code
 * elasticloadbalancing:ModifyRule}). The caller is the access key id of the request's SigV4
 * signature: the platform gives each service its own (locally and in the e2e run), so a test can
 * hold each service to its IAM policy in {@code deploy/iam/}. Kubernetes calls are not IAM actions
 * and are not recorded. An operation is recorded before faults apply: an attempt needs the
 * permission as much as a success.
 */
public final class CallerLedger {

  /** The caller of a request without a SigV4 signature. */
  public static final String ANONYMOUS = "anonymous";

  /** The simulator's service names → IAM service prefixes. */
  private static final Map<String, String> IAM_PREFIX =
      Map.of(
          "eks", "eks",
          "elbv2", "elasticloadbalancing",
          "ec2", "ec2",
          "cloudwatch", "cloudwatch");

  private final Map<String, Set<String>> actions = new ConcurrentHashMap<>();
  private final ThreadLocal<String> caller = new ThreadLocal<>();

  /** Runs {@code call} (one request, on this thread) on behalf of the caller of {@code req}. */
  public <T> T on(SimRequest req, Supplier<T> call) {
    caller.set(accessKeyId(req));
    try {
      return call.get();
    } finally {
      caller.remove();
    }
  }

  /**
   * Records that the current caller invoked {@code operation} of the simulator's {@code service}.
   */
  void record(String service, String operation) {
    String prefix = IAM_PREFIX.get(service);
    if (prefix == null) {
      return;
    }
    String who = caller.get() == null ? ANONYMOUS : caller.get();
    String name = operation.substring(operation.lastIndexOf('/') + 1);
    actions.computeIfAbsent(who, k -> ConcurrentHashMap.newKeySet()).add(prefix + ":" + name);
  }

  /** Every caller's IAM actions so far, sorted. */
  public SortedMap<String, SortedSet<String>> actions() {
    SortedMap<String, SortedSet<String>> out = new TreeMap<>();
    actions.forEach((who, set) -> out.put(who, new TreeSet<>(set)));
    return out;
  }

  /**
   * The access key id of a SigV4-signed request: from {@code Authorization: AWS4-HMAC-SHA256
   * Credential=<key id>/<date>/<region>/<service>/aws4_request, ...}, or from the {@code
   * X-Amz-Credential} query parameter of a presigned one.
   */
  static String accessKeyId(SimRequest req) {
    String auth = req.header("authorization");
    String credential = null;
    if (auth != null) {
      int at = auth.indexOf("Credential=");
      if (at >= 0) {
        credential = auth.substring(at + "Credential=".length());
      }
    }
    if (credential == null) {
      credential = req.queryParam("X-Amz-Credential");
    }
    if (credential == null) {
      return ANONYMOUS;
    }
    int slash = credential.indexOf('/');
    String key = slash < 0 ? credential : credential.substring(0, slash);
    return key.isBlank() ? ANONYMOUS : key.trim();
  }
}
