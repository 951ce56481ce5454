package dev.bluegreen.cloudsim.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Kubernetes label and field selectors as they arrive in a query string: {@code a=b}, {@code a==b},
 * {@code a!=b}, {@code a}, {@code !a}, {@code a in (x,y)}, {@code a notin (x,y)}.
 */
public final class LabelSelector {
  private LabelSelector() {}

  /** Matches an object's metadata.labels against a label selector (null or blank: all). */
  public static Predicate<JsonNode> labels(String selector) {
    List<Predicate<JsonNode>> terms = new ArrayList<>();
    for (String term : split(selector)) {
      terms.add(term(term));
    }
    return obj -> {
      JsonNode labels = obj.path("metadata").path("labels");
      return terms.stream().allMatch(t -> t.test(labels));
    };
  }

  /** Matches metadata.name / metadata.namespace field selectors. */
  public static Predicate<JsonNode> fields(String selector) {
    List<Predicate<JsonNode>> terms = new ArrayList<>();
    for (String term : split(selector)) {
      boolean negate = term.contains("!=");
      String[] kv = term.split("!=|==|=", 2);
      String[] path = kv[0].trim().split("\\.");
      String expected = kv.length > 1 ? kv[1].trim() : "";
      terms.add(
          obj -> {
            JsonNode n = obj;
            for (String p : path) {
              n = n.path(p);
            }
            return negate != n.asText().equals(expected);
          });
    }
    return obj -> terms.stream().allMatch(t -> t.test(obj));
  }

  private static List<String> split(String selector) {
    List<String> out = new ArrayList<>();
    if (selector == null || selector.isBlank()) {
      return out;
    }
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char ch : selector.toCharArray()) {
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
      }
      if (ch == ',' && depth == 0) {
        out.add(current.toString().trim());
        current.setLength(0);
      } else {
        current.append(ch);
      }
    }
    if (!current.isEmpty()) {
      out.add(current.toString().trim());
    }
    return out;
  }

  private static Predicate<JsonNode> term(String term) {
    String[] setParts = term.split("\\s+(notin|in)\\s+", 2);
    if (setParts.length == 2) {
      String key = setParts[0].trim();
      boolean notIn = term.matches(".*\\s+notin\\s+.*");
      List<String> values =
          Arrays.stream(setParts[1].replaceAll("[()]", "").split(",")).map(String::trim).toList();
      return labels -> {
        boolean has = labels.has(key) && values.contains(labels.get(key).asText());
        return notIn ? !has : has;
      };
    }
    if (term.contains("!=")) {
      String[] kv = term.split("!=", 2);
      return labels -> !labels.path(kv[0].trim()).asText("\0").equals(kv[1].trim());
    }
    if (term.contains("=")) {
      String[] kv = term.split("==|=", 2);
      return labels ->
          labels.has(kv[0].trim()) && labels.get(kv[0].trim()).asText().equals(kv[1].trim());
    }
    if (term.startsWith("!")) {
      String key = term.substring(1).trim();
      return labels -> !labels.has(key);
    }
    return labels -> labels.has(term);
  }
}
