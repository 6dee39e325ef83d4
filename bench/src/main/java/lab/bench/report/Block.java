package lab.bench.report;

import java.util.List;

/** One piece of the report, rendered the same way to Markdown and to HTML. */
public sealed interface Block {

  /** A section heading; level 1 is the title. */
  record Heading(int level, String text) implements Block {}

  /** A paragraph of plain text. */
  record Paragraph(String text) implements Block {}

  /** A bulleted list. */
  record Bullets(List<String> items) implements Block {
    public Bullets {
      items = List.copyOf(items);
    }
  }

  /** A table; {@code numeric} marks right-aligned columns. */
  record Table(List<String> header, List<List<String>> rows, List<Boolean> numeric)
      implements Block {
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
      numeric = List.copyOf(numeric);
    }
  }

  /** A chart. */
  record Image(Charts.Png png) implements Block {}
}
