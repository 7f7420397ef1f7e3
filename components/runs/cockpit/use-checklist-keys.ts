"use client";

import { useEffect, type RefObject } from "react";

/** Keys typed into a field are text, not shortcuts. */
function typing(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && target.type !== "checkbox" && target.type !== "radio";
}

/**
 * j and k move focus between the checklist's rows (from anywhere on the page that is not a
 * field), ? opens the help. The rows answer their own keys (x, Space, n, a).
 */
export function useChecklistKeys(container: RefObject<HTMLElement | null>, onHelp: () => void) {
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || typing(e.target)) return;
      if (document.querySelector("dialog[open]")) return;
      if (e.key === "?") {
        e.preventDefault();
        onHelp();
        return;
      }
      if (e.key !== "j" && e.key !== "k") return;
      const root = container.current;
      if (!root) return;
      const rows = [...root.querySelectorAll<HTMLElement>("[data-item-row]")];
      if (rows.length === 0) return;
      const current = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>("[data-item-row]");
      const at = current ? rows.indexOf(current) : -1;
      const next =
        at === -1
          ? e.key === "j"
            ? 0
            : rows.length - 1
          : Math.min(rows.length - 1, Math.max(0, at + (e.key === "j" ? 1 : -1)));
      e.preventDefault();
      rows[next]!.focus();
      rows[next]!.scrollIntoView({ block: "nearest" });
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [container, onHelp]);
}
