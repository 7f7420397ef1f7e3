import type { Element, Root as HastRoot } from "hast";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";

/**
 * How kept Markdown (item bodies, section intros) may be shown. A template is written by
 * one person and read by everyone who runs it, so it is untrusted: raw HTML is dropped
 * (remark-rehype leaves it out), and what is left is sanitised to GitHub's safe subset
 * with links only to http, https and mailto. Images become links: a template must not
 * make every reader's browser fetch from wherever it likes.
 */
export const bodySchema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"], src: ["http", "https"] },
  tagNames: (defaultSchema.tagNames ?? []).filter((t) => t !== "img"),
};

/** `![alt](src)` → a link to the image, named by its alt text. */
export function imagesAsLinks() {
  return (tree: HastRoot) => {
    visit(tree, "element", (node: Element) => {
      if (node.tagName !== "img") return;
      const src = typeof node.properties.src === "string" ? node.properties.src : "";
      const alt = typeof node.properties.alt === "string" && node.properties.alt ? node.properties.alt : src;
      node.tagName = "a";
      node.properties = { href: src };
      node.children = [{ type: "text", value: `Image: ${alt}` }];
    });
  };
}

/** Kept Markdown as safe HTML, for exports and pages rendered on the server. */
export function bodyToHtml(markdown: string): string {
  return String(
    unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkRehype)
      .use(imagesAsLinks)
      .use(rehypeSanitize, bodySchema)
      .use(rehypeStringify)
      .processSync(markdown),
  );
}
