package dev.bluegreen.cloudsim.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A listener rule whose forward action splits traffic between weighted target groups. Only
 * host-header and path-pattern conditions and forward actions are modelled.
 */
public final class ListenerRule {
  public String arn;
  public String listenerArn;

  /** "default" for the listener's default rule, otherwise a number. */
  public String priority;

  public List<String> hostHeaders = new ArrayList<>();
  public List<String> pathPatterns = new ArrayList<>();
  public List<TargetWeight> forward = new ArrayList<>();

  /** Tags (AddTags/DescribeTags take rule ARNs as they take target group ARNs). */
  public Map<String, String> tags = new LinkedHashMap<>();

  /** Simulated client requests per second this rule receives. */
  public double requestsPerSecond;

  /** Eventual consistency: weights DescribeRules still returns after a ModifyRule. */
  public List<TargetWeight> staleForward;

  public int staleReadsLeft;
  public Instant staleUntil;

  public boolean isDefault() {
    return "default".equals(priority);
  }
}
