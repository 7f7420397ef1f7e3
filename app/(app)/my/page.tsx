import Link from "next/link";
import { pageActor } from "@/lib/auth/session";
import { listMyItems } from "@/lib/runs/list-my-items";
import { RehearsalBadge } from "@/components/rehearsals/rehearsal-badge";
import { forPage } from "@/lib/http/page-interrupts";

export const dynamic = "force-dynamic";
export const metadata = { title: "My items" };

export default async function MyItemsPage() {
  const { items, runs } = await forPage(listMyItems({ actor: await pageActor() }));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">My items</h1>
      <p className="text-sm text-slate-600">Across all my teams.</p>
      <section>
        <h2 className="mb-2 font-semibold">Open runs I am completing</h2>
        {runs.length === 0 ? (
          <p className="text-sm text-slate-600">None.</p>
        ) : (
          <ul className="list-disc pl-5">
            {runs.map((r) => (
              <li key={r.number}>
                <Link className="text-blue-700 hover:underline" href={`/runs/${r.number}`}>
                  #{r.number} {r.title}
                </Link>
                <RehearsalBadge rehearsal={r.rehearsal} />{" "}
                <span className="text-sm text-slate-600">({r.team.name})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2 className="mb-2 font-semibold">Open items assigned to me</h2>
        {items.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing assigned to you is open.</p>
        ) : (
          <ul
            className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
            data-testid="my-items"
          >
            {items.map((i) => (
              <li key={i.id} className="px-4 py-2 text-sm">
                <Link
                  className="font-mono text-blue-700 hover:underline"
                  href={`/runs/${i.run.number}#item-${i.id}`}
                >
                  #{i.run.number}
                </Link>
                <RehearsalBadge rehearsal={i.run.rehearsal} />{" "}
                <span className="text-slate-600">
                  {i.run.team.name} · {i.section.title} · {i.path}
                </span>{" "}
                {i.text}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
