"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";

export type MenuItem = { label: string; onSelect: () => void; disabled?: boolean };

/**
 * A button that opens a short list of actions (the WAI-ARIA menu button): arrows move,
 * Enter picks, Escape closes and gives focus back to the button.
 */
export function Menu({
  label,
  items,
  children,
  className = "",
}: {
  /** The button's accessible name, e.g. "More actions for 1.2". */
  label: string;
  items: MenuItem[];
  /** What the button shows; "⋯" by default. */
  children?: ReactNode;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const id = useId();

  const entries = () => [...(list.current?.querySelectorAll<HTMLButtonElement>("[role=menuitem]") ?? [])];
  useEffect(() => {
    if (!open) return;
    entries()
      .find((e) => !e.disabled)
      ?.focus();
    const outside = (e: PointerEvent) => {
      if (!list.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node))
        setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  function close() {
    setOpen(false);
    button.current?.focus();
  }
  function onKey(e: KeyboardEvent) {
    const all = entries().filter((x) => !x.disabled);
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === "Escape" || e.key === "Tab") {
      if (e.key === "Escape") e.preventDefault();
      close();
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      all[(at + step + all.length) % all.length]?.focus();
    }
    // Keys stay inside the menu: the checklist's own shortcuts must not see them.
    e.stopPropagation();
  }

  return (
    <div className={`relative inline-block ${className}`}>
      <button
        ref={button}
        type="button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((o) => !o)}
        className="min-h-6 min-w-6 rounded px-1.5 text-slate-700 hover:bg-slate-200"
      >
        {children ?? "⋯"}
      </button>
      {open && (
        <ul
          ref={list}
          id={id}
          role="menu"
          aria-label={label}
          onKeyDown={onKey}
          className="absolute right-0 z-30 mt-1 min-w-40 rounded border border-slate-300 bg-white py-1 text-sm shadow-lg"
        >
          {items.map((item) => (
            <li key={item.label} role="none">
              <button
                type="button"
                role="menuitem"
                disabled={item.disabled}
                className="block min-h-6 w-full px-3 py-1 text-left hover:bg-slate-100 disabled:opacity-60"
                onClick={() => {
                  setOpen(false);
                  item.onSelect();
                }}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
