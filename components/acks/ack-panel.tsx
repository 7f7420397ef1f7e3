import type { ReactNode } from "react";

/** The frame of the public acknowledgement page: no navigation, nothing beyond this one run. */
export function AckPanel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="mx-auto mt-16 max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <p className="text-sm font-semibold tracking-tight text-slate-600">Runsheet</p>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <div className="space-y-4 text-slate-700">{children}</div>
    </main>
  );
}
