import type { ItemDef, TemplateDefinition } from "@/lib/templates/definition";
import { MarkdownBody } from "@/components/templates/markdown-body";

function ItemTree({ items }: { items: ItemDef[] }) {
  return (
    <ul className="space-y-1 pl-3 [overflow-wrap:anywhere] sm:pl-5">
      {items.map((item) => (
        <li key={item.key}>
          <span className="mr-2 font-mono text-xs text-slate-600">{item.key}</span>
          {item.text}
          <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs">
            {item.group ? "group" : (item.channel?.type ?? item.automation ?? item.kind)}
          </span>
          {item.done && <span className="ml-2 text-xs text-emerald-800">done in the template</span>}
          <span className="ml-2 text-xs text-slate-600">line {item.line}</span>
          {item.message && (
            <blockquote className="border-l-4 border-sky-300 pl-2 text-sm text-slate-600">
              {item.message}
            </blockquote>
          )}
          {item.body && <MarkdownBody markdown={item.body} className="my-1" />}
          {item.children.length > 0 && <ItemTree items={item.children} />}
        </li>
      ))}
    </ul>
  );
}

export function DefinitionView({ def }: { def: TemplateDefinition }) {
  return (
    <div className="space-y-6">
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">Title pattern</h2>
        <p className="font-mono text-sm">{def.titlePattern}</p>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">Fields</h2>
        <div className="relative max-w-full overflow-x-auto" tabIndex={0}>
          <table className="w-full text-sm">
            <thead className="text-left text-slate-600">
              <tr>
                <th>Key</th>
                <th>Label</th>
                <th>Type</th>
                <th>Asked</th>
              </tr>
            </thead>
            <tbody>
              {def.fields.map((f) => (
                <tr key={f.key}>
                  <td className="font-mono">{f.key}</td>
                  <td>{f.label}</td>
                  <td>
                    {f.type}
                    {f.options ? ` (${f.options.join(" / ")})` : ""}
                  </td>
                  <td>
                    {f.source === "overview"
                      ? f.required
                        ? "at start, required"
                        : "at start"
                      : "during the run"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {def.preamble && (
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <MarkdownBody markdown={def.preamble} />
        </section>
      )}
      {def.quickActions && def.quickActions.length > 0 && (
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-semibold">Quick actions</h2>
          <ul className="font-mono text-sm">
            {def.quickActions.map((a) => (
              <li key={a.line}>{a.raw}</li>
            ))}
          </ul>
        </section>
      )}
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">Acknowledgement groups</h2>
        {def.ackGroups.length === 0 && <p className="text-sm text-slate-600">None.</p>}
        {def.ackGroups.map((g) => (
          <p key={g.key} className="text-sm">
            <span className="font-medium">{g.name}</span>: {g.entries.map((e) => e.placeholder).join(", ")}
          </p>
        ))}
      </section>
      {def.sections.map((s) => (
        <section key={s.key} className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-2 font-semibold">
            {s.title}
            {s.offset && (
              <span className="ml-2 rounded bg-sky-100 px-2 py-0.5 text-xs text-sky-900">
                {s.offset.label}
              </span>
            )}
            {s.branch && (
              <span className="ml-2 rounded bg-violet-100 px-2 py-0.5 text-xs text-violet-900">
                {s.branch === "go" ? "GO branch" : "NO GO branch"}
              </span>
            )}
          </h2>
          {s.intro && <MarkdownBody markdown={s.intro} className="mb-2" />}
          <ItemTree items={s.items} />
          {s.outro && <MarkdownBody markdown={s.outro} className="mt-2" />}
        </section>
      ))}
    </div>
  );
}
