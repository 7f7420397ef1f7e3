"use client";

import { useState, type ReactNode } from "react";

/**
 * The app's links, in a row on wide screens and behind a "Menu" button on a phone, so that
 * nothing (least of all "Sign out") ends up beyond the right edge.
 */
export function CollapsibleNav({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="ml-auto min-h-6 rounded px-2 py-1 text-sm text-slate-100 ring-1 ring-slate-500 md:hidden"
        aria-expanded={open}
        aria-controls="app-nav"
        onClick={() => setOpen((o) => !o)}
      >
        Menu
      </button>
      <div
        id="app-nav"
        className={`${open ? "flex" : "hidden"} w-full flex-col gap-2 md:flex md:w-auto md:flex-1 md:flex-row md:flex-wrap md:items-center md:gap-x-5 md:gap-y-1`}
      >
        {children}
      </div>
    </>
  );
}
