package dev.bluegreen.cloudsim.core;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An EKS update (e.g. UpdateNodegroupConfig), InProgress until its lifecycle completes. */
public final class Update {
  public String id;
  public String type;
  public String status;
  public Instant createdAt;
  public String nodegroupName;
  public Map<String, String> params = new LinkedHashMap<>();
}
