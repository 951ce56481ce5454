package dev.bluegreen.cloudsim.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The two patch formats Kubernetes clients send: JSON Merge Patch (RFC 7386, also used for
 * strategic merge patches, whose list-merge keys the simulator does not model) and JSON Patch (RFC
 * 6902).
 */
public final class JsonPatches {
  private JsonPatches() {}

  /** Applies an RFC 7386 merge patch; returns the new document. */
  public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject()
            ? (ObjectNode) target.deepCopy()
            : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getValue().isNull()) {
        result.remove(f.getKey());
      } else {
        result.set(f.getKey(), mergePatch(result.get(f.getKey()), f.getValue()));
      }
    }
    return result;
  }

  /** Applies an RFC 6902 JSON patch; throws {@link SimError} (INVALID) on a bad operation. */
  public static JsonNode jsonPatch(JsonNode target, JsonNode patch) {
    if (!patch.isArray()) {
      throw SimError.invalid("a JSON patch must be an array of operations");
    }
    JsonNode doc = target.deepCopy();
    for (JsonNode op : patch) {
      String kind = op.path("op").asText();
      String path = op.path("path").asText();
      switch (kind) {
        case "add" -> doc = add(doc, path, op.get("value"));
        case "remove" -> doc = remove(doc, path);
        case "replace" -> doc = add(remove(doc, path), path, op.get("value"));
        case "move" -> {
          JsonNode value = get(doc, op.path("from").asText());
          doc = add(remove(doc, op.path("from").asText()), path, value);
        }
        case "copy" -> doc = add(doc, path, get(doc, op.path("from").asText()).deepCopy());
        case "test" -> {
          if (!get(doc, path).equals(op.get("value"))) {
            throw new SimError(ErrorKind.INVALID, "test operation failed at " + path);
          }
        }
        default -> throw SimError.invalid("unknown JSON patch op '" + kind + "'");
      }
    }
    return doc;
  }

  private static String[] tokens(String pointer) {
    if (pointer.isEmpty()) {
      return new String[0];
    }
    if (!pointer.startsWith("/")) {
      throw SimError.invalid("bad JSON pointer " + pointer);
    }
    String[] parts = pointer.substring(1).split("/", -1);
    for (int i = 0; i < parts.length; i++) {
      parts[i] = parts[i].replace("~1", "/").replace("~0", "~");
    }
    return parts;
  }

  private static JsonNode get(JsonNode doc, String pointer) {
    JsonNode node = doc;
    for (String t : tokens(pointer)) {
      node = node.isArray() ? node.get(Integer.parseInt(t)) : node.get(t);
      if (node == null) {
        throw SimError.invalid("path " + pointer + " does not exist");
      }
    }
    return node;
  }

  private static JsonNode add(JsonNode doc, String pointer, JsonNode value) {
    String[] t = tokens(pointer);
    if (t.length == 0) {
      return value;
    }
    JsonNode parent = parentOf(doc, t, pointer);
    String last = t[t.length - 1];
    if (parent.isArray()) {
      ArrayNode array = (ArrayNode) parent;
      if (last.equals("-")) {
        array.add(value);
      } else {
        array.insert(Integer.parseInt(last), value);
      }
    } else {
      ((ObjectNode) parent).set(last, value);
    }
    return doc;
  }

  private static JsonNode remove(JsonNode doc, String pointer) {
    String[] t = tokens(pointer);
    JsonNode parent = parentOf(doc, t, pointer);
    String last = t[t.length - 1];
    if (parent.isArray()) {
      ((ArrayNode) parent).remove(Integer.parseInt(last));
    } else if (((ObjectNode) parent).remove(last) == null) {
      throw SimError.invalid("path " + pointer + " does not exist");
    }
    return doc;
  }

  private static JsonNode parentOf(JsonNode doc, String[] t, String pointer) {
    JsonNode node = doc;
    for (int i = 0; i < t.length - 1; i++) {
      node = node.isArray() ? node.get(Integer.parseInt(t[i])) : node.get(t[i]);
      if (node == null) {
        throw SimError.invalid("path " + pointer + " does not exist");
      }
    }
    if (!node.isContainerNode()) {
      throw SimError.invalid("path " + pointer + " does not point into an object or array");
    }
    return node;
  }
}
