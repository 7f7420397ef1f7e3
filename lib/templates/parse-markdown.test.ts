import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "@/lib/templates/parse-markdown";
import { generatedTemplate } from "@/scripts/bench/generated-template";

const whole = (source: string) => unified().use(remarkParse).use(remarkGfm).parse(source);

async function templates(): Promise<[string, string][]> {
  const dirs = ["lib/templates/corpus", "lib/templates/builtin"];
  const out: [string, string][] = [];
  for (const dir of dirs)
    for (const f of (await readdir(dir)).filter((f) => f.endsWith(".md")))
      out.push([f, await readFile(path.join(dir, f), "utf8")]);
  return out;
}

describe("parseMarkdown", () => {
  it("gives the very tree of a whole-document parse for every template we keep", async () => {
    for (const [name, source] of await templates()) {
      expect(parseMarkdown(source), name).toEqual(whole(source));
    }
  });

  it("gives the same tree where a part boundary meets fences, comments, raw HTML and lists", () => {
    const source = [
      "Intro paragraph",
      "### One",
      "1. * [ ] a task",
      "   ```sh",
      "### not a heading, inside the item's code? no: the heading ends the list",
      "   ```",
      "```",
      "### inside a top-level fence",
      "```",
      "<!-- a comment",
      "### inside the comment",
      "-->",
      "<pre>",
      "### inside pre",
      "</pre>",
      "## Two",
      "> quote",
      "### Three",
      "- [x] done",
      "",
    ].join("\n");
    expect(parseMarkdown(source)).toEqual(whole(source));
  });

  it("parses a document with link references whole, so references still resolve", () => {
    const source = "# A\n\nSee [the runbook][rb].\n\n## B\n\n[rb]: https://example.com\n";
    expect(parseMarkdown(source)).toEqual(whole(source));
  });

  it("gives the same tree for a generated 300-item template", () => {
    const source = generatedTemplate(300);
    expect(parseMarkdown(source)).toEqual(whole(source));
  });
});
