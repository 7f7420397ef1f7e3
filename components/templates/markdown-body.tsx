import type { ReactNode } from "react";
import Markdown from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import { bodySchema, imagesAsLinks } from "@/lib/templates/body-html";
import { fillPlaceholders } from "@/lib/templates/render-tokens";
import { CopyButton } from "@/components/templates/copy-button";

/** The text of a rendered code block, for its copy button. */
function textOf(node: ReactNode): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (node && typeof node === "object" && "props" in node) {
    return textOf((node.props as { children?: ReactNode }).children);
  }
  return "";
}

/**
 * An item's body or a section's intro as the template wrote it, placeholders filled from
 * the run, sanitised (no HTML, links only to http, https and mailto), code blocks with a
 * copy button. Renders on the server and in client components alike.
 */
export function MarkdownBody(props: {
  markdown: string;
  fields?: readonly { key: string; hint: string }[];
  values?: Record<string, string | null | undefined>;
  className?: string;
}) {
  const markdown = props.fields
    ? fillPlaceholders(props.markdown, props.fields, props.values ?? {})
    : props.markdown;
  return (
    <div
      className={`markdown-body space-y-2 text-sm text-slate-700 ${props.className ?? ""}`}
      data-testid="markdown-body"
    >
      <Markdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[imagesAsLinks, [rehypeSanitize, bodySchema]]}
        components={{
          pre: ({ children }) => (
            <div className="relative">
              <pre className="overflow-x-auto rounded bg-slate-900 p-3 pr-16 text-xs text-slate-100">
                {children}
              </pre>
              <CopyButton text={textOf(children).replace(/\n$/, "")} />
            </div>
          ),
          a: ({ href, children }) => (
            <a
              href={href}
              className="text-sky-700 underline"
              rel="noopener noreferrer nofollow"
              target="_blank"
            >
              {children}
            </a>
          ),
          table: ({ children }) => (
            <table className="border-collapse text-xs [&_td]:border [&_td]:px-2 [&_th]:border [&_th]:px-2">
              {children}
            </table>
          ),
          blockquote: ({ children }) => (
            <blockquote className="border-l-4 border-slate-300 pl-3 text-slate-600">{children}</blockquote>
          ),
        }}
      >
        {markdown}
      </Markdown>
    </div>
  );
}
