package dev.bluegreen.cloudsim.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request as the protocol adapters see it, independent of the server implementation.
 *
 * @param method upper-case HTTP method
 * @param rawPath the path as sent, still percent-encoded (labels such as ARNs may contain %2F)
 * @param query decoded query parameters
 * @param headers header values by lower-case name
 * @param body the raw body (empty array when none)
 */
public record SimRequest(
    String method,
    String rawPath,
    Map<String, List<String>> query,
    Map<String, String> headers,
    byte[] body) {

  /** Path segments, each percent-decoded; a leading empty segment is dropped. */
  public List<String> segments() {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  public String header(String name) {
    return headers.get(name.toLowerCase());
  }

  public String queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Parses application/x-www-form-urlencoded text (query strings and query-protocol bodies). */
  public static Map<String, List<String>> parseForm(String text) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }
}
