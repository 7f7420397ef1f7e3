"use client";

import Link from "next/link";
import { useState } from "react";

/** One "Start a run…" button that lists the templates, instead of a button per template. */
export function StartRunMenu({ templates }: { templates: { slug: string; name: string }[] }) {
  const [open, setOpen] = useState(false);
  if (templates.length === 0) return null;
  return (
    <div
      className="relative"
      onKeyDown={(e) => {
        if (e.key === "Escape") setOpen(false);
      }}
    >
      <button
        type="button"
        aria-expanded={open}
        aria-controls="start-run-list"
        onClick={() => setOpen((o) => !o)}
        className="min-h-6 rounded bg-slate-900 px-3 py-2 text-sm font-medium text-white hover:bg-slate-700"
      >
        Start a run…
      </button>
      {open && (
        <ul
          id="start-run-list"
          className="absolute right-0 z-30 mt-1 w-72 max-w-[calc(100vw-2rem)] rounded border border-slate-300 bg-white py-1 text-sm shadow-lg"
        >
          {templates.map((t) => (
            <li key={t.slug}>
              <Link href={`/runs/new?template=${t.slug}`} className="block px-3 py-2 hover:bg-slate-100">
                {t.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
