import type { HTMLAttributes } from "react";

const TONES = {
  neutral: "bg-slate-100 text-slate-800",
  good: "bg-emerald-100 text-emerald-900",
  warn: "bg-amber-100 text-amber-900",
  bad: "bg-red-100 text-red-900",
  info: "bg-sky-100 text-sky-900",
  decision: "bg-violet-100 text-violet-900",
  solidGood: "bg-emerald-700 text-white",
  solidBad: "bg-red-700 text-white",
  solidWarn: "bg-amber-800 text-white",
} as const;

export type BadgeTone = keyof typeof TONES;

/** A short state word (done, overdue, NO GO) in colours that pass WCAG AA contrast. */
export function Badge({
  tone = "neutral",
  className = "",
  ...rest
}: HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone }) {
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${TONES[tone]} ${className}`}
      {...rest}
    />
  );
}
