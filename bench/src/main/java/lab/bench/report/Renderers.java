package lab.bench.report;

import java.util.Base64;
import java.util.List;

/** Renders the report's blocks as Markdown (images linked) and as self-contained HTML. */
final class Renderers {

  private Renderers() {}

  static String markdown(List<Block> blocks) {
    StringBuilder b = new StringBuilder();
    for (Block block : blocks) {
      if (block instanceof Block.Heading h) {
        b.append("#".repeat(h.level())).append(' ').append(h.text());
      } else if (block instanceof Block.Paragraph p) {
        b.append(p.text());
      } else if (block instanceof Block.Bullets l) {
        l.items().forEach(i -> b.append("- ").append(i).append('\n'));
      } else if (block instanceof Block.Table t) {
        b.append("| ")
            .append(String.join(" | ", t.header().stream().map(Renderers::cell).toList()));
        b.append(" |\n|");
        for (boolean n : t.numeric()) {
          b.append(n ? "---:|" : "---|");
        }
        for (List<String> row : t.rows()) {
          b.append("\n| ").append(String.join(" | ", row.stream().map(Renderers::cell).toList()));
          b.append(" |");
        }
      } else if (block instanceof Block.Image i) {
        b.append("![").append(i.png().title()).append("](").append(i.png().file()).append(')');
      }
      b.append("\n\n");
    }
    return b.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|");
  }

  /** One HTML file with the charts inline as base64 PNG: it opens with no network. */
  static String html(List<Block> blocks) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>OLTP vs OLAP benchmark</title><style>")
        .append("body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;")
        .append("color:#222}table{border-collapse:collapse;margin:1em 0;font-size:0.9em}")
        .append("th,td{border:1px solid #ccc;padding:3px 8px}th{background:#eee}")
        .append("td.n{text-align:right;font-variant-numeric:tabular-nums}")
        .append("img{max-width:100%;border:1px solid #ddd;margin:1em 0}")
        .append("</style></head><body>\n");
    for (Block block : blocks) {
      if (block instanceof Block.Heading h) {
        b.append("<h").append(h.level()).append('>').append(esc(h.text()));
        b.append("</h").append(h.level()).append(">\n");
      } else if (block instanceof Block.Paragraph p) {
        b.append("<p>").append(esc(p.text())).append("</p>\n");
      } else if (block instanceof Block.Bullets l) {
        b.append("<ul>");
        l.items().forEach(i -> b.append("<li>").append(esc(i)).append("</li>"));
        b.append("</ul>\n");
      } else if (block instanceof Block.Table t) {
        b.append("<table><thead><tr>");
        t.header().forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr></thead><tbody>");
        for (List<String> row : t.rows()) {
          b.append("<tr>");
          for (int c = 0; c < row.size(); c++) {
            boolean n = c < t.numeric().size() && t.numeric().get(c);
            b.append(n ? "<td class=\"n\">" : "<td>").append(esc(row.get(c))).append("</td>");
          }
          b.append("</tr>");
        }
        b.append("</tbody></table>\n");
      } else if (block instanceof Block.Image i) {
        b.append("<figure><img alt=\"")
            .append(esc(i.png().title()))
            .append("\" src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(i.png().bytes()))
            .append("\"><figcaption>")
            .append(esc(i.png().title()))
            .append("</figcaption></figure>\n");
      }
    }
    return b.append("</body></html>\n").toString();
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
