"use client";

import { Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";

const KEYS: [string, string][] = [
  ["j / k", "next / previous item"],
  ["x or Space", "tick or untick the item"],
  ["n", "write a note on the item"],
  ["a", "assign the item"],
  ["Escape", "close an editor or a menu"],
  ["?", "this help"],
];

/** The checklist's shortcuts, opened with ?. */
export function KeyboardHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        {KEYS.map(([k, what]) => (
          <div key={k} className="contents">
            <dt>
              <kbd className="rounded border border-slate-400 px-1 font-mono">{k}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <div className="flex justify-end">
        <Button onClick={onClose}>Close</Button>
      </div>
    </Dialog>
  );
}
