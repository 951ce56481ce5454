package dev.bluegreen.cloudsim.elbv2;

/** A minimal XML writer for query-protocol responses: elements and escaped text, nothing more. */
final class Xml {
  private final StringBuilder sb = new StringBuilder();

  Xml open(String name) {
    sb.append('<').append(name).append('>');
    return this;
  }

  Xml close(String name) {
    sb.append("</").append(name).append('>');
    return this;
  }

  /** Writes {@code <name>text</name>}; skips the element when text is null. */
  Xml el(String name, Object text) {
    if (text != null) {
      open(name);
      sb.append(escape(String.valueOf(text)));
      close(name);
    }
    return this;
  }

  Xml raw(String s) {
    sb.append(s);
    return this;
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
