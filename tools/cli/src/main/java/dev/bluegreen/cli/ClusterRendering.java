package dev.bluegreen.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** The fleet inventory ({@code GET /clusters}, {@code /clusters/{name}}) for a person. Pure. */
public final class ClusterRendering {

  private ClusterRendering() {}

  /** Every logical cluster, one row each. */
  public static String fleet(JsonNode clusters) {
    Table table =
        new Table(
            "NAME",
            "SERVING",
            "GEN",
            "VERSION",
            "TEAM",
            "SUPPORT",
            "STANDARD ENDS",
            "NEXT",
            "UPGRADE");
    for (JsonNode c : clusters) {
      table.row(
          Json.text(c, "name"),
          Json.text(c, "servingCluster"),
          c.path("generation").asText("-"),
          Json.text(c, "version"),
          Json.text(c, "team"),
          Json.text(c, "supportStatus"),
          Json.text(c, "endOfStandardSupport"),
          Json.text(c, "nextVersion"),
          upgradeCell(c.get("upgradeInFlight")));
    }
    return table.size() == 0 ? "no clusters\n" : table.render();
  }

  private static String upgradeCell(JsonNode upgrade) {
    if (upgrade == null || upgrade.isNull()) {
      return "-";
    }
    return Json.text(upgrade, "upgradeId") + " " + Json.text(upgrade, "state");
  }

  /** One logical cluster: serving cluster, support, upgrades and every generation. */
  public static String one(JsonNode c) {
    StringBuilder out = new StringBuilder();
    out.append(Json.text(c, "name"));
    if (c.hasNonNull("team")) {
      out.append("  (team ").append(Json.text(c, "team")).append(')');
    }
    out.append('\n');
    out.append("  serving      ")
        .append(Json.text(c, "servingCluster"))
        .append(" (generation ")
        .append(c.path("generation").asText("?"))
        .append("), Kubernetes ")
        .append(Json.text(c, "version", "?"))
        .append('\n');
    out.append("  support      ").append(Json.text(c, "supportStatus", "UNKNOWN"));
    if (c.hasNonNull("endOfStandardSupport")) {
      out.append(", standard until ").append(Json.text(c, "endOfStandardSupport"));
    }
    if (c.hasNonNull("endOfExtendedSupport")) {
      out.append(", extended until ").append(Json.text(c, "endOfExtendedSupport"));
    }
    out.append('\n');
    out.append("  next         ").append(Json.text(c, "nextVersion", "-")).append('\n');
    upgrade(out, "  in flight    ", c.get("upgradeInFlight"));
    upgrade(out, "  last         ", c.get("lastUpgrade"));
    out.append("  generations\n");
    Table generations = new Table("    CLUSTER", "GEN", "VERSION", "STATUS", "ROLE");
    for (JsonNode g : c.path("generations")) {
      generations.row(
          "    " + Json.text(g, "cluster"),
          g.path("generation").asText("-"),
          Json.text(g, "version"),
          Json.text(g, "status"),
          Json.text(g, "role"));
    }
    out.append(generations.render());
    return out.toString();
  }

  private static void upgrade(StringBuilder out, String label, JsonNode u) {
    if (u == null || u.isNull()) {
      return;
    }
    out.append(label)
        .append(Json.text(u, "upgradeId"))
        .append(' ')
        .append(Json.text(u, "state"))
        .append(": ")
        .append(Json.text(u, "blueCluster"))
        .append(" -> ")
        .append(Json.text(u, "greenCluster"))
        .append(" (")
        .append(Json.text(u, "fromVersion", "?"))
        .append(" -> ")
        .append(Json.text(u, "toVersion", "?"))
        .append(')');
    if (u.hasNonNull("completedAt")) {
      out.append(", ended ").append(Json.text(u, "completedAt"));
    }
    out.append('\n');
  }
}
