"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";

/**
 * A modal on the browser's own `<dialog>`: focus is trapped and Escape closes it without
 * any code of ours. Open and closed by the parent.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-slate-300 p-0 shadow-xl backdrop:bg-slate-900/50"
    >
      {open && (
        <div className="space-y-3 p-4 text-sm">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          {children}
        </div>
      )}
    </dialog>
  );
}

/**
 * "Are you sure?" for what cannot be undone, in the danger-zone manner: says what will
 * happen, and for the gravest ones asks for a word to be typed before the button works.
 */
export function ConfirmDialog({
  open,
  onClose,
  onConfirm,
  title,
  children,
  confirmLabel,
  confirmText,
  pending = false,
  error,
  tone = "danger",
}: {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  /** When set, the button works only once this exact text is typed. */
  confirmText?: string;
  pending?: boolean;
  error?: string | null;
  tone?: "danger" | "normal";
}) {
  const [typed, setTyped] = useState("");
  const ready = !confirmText || typed.trim() === confirmText;
  return (
    <Dialog
      open={open}
      onClose={() => {
        setTyped("");
        onClose();
      }}
      title={title}
    >
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) onConfirm();
        }}
      >
        {children && <div className="text-slate-700">{children}</div>}
        {confirmText && (
          <label className="block">
            <span className="block">
              Type <strong className="font-mono">{confirmText}</strong> to confirm
            </span>
            <input
              autoFocus
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              className="mt-1 block w-full rounded border border-slate-400 px-2 py-1 font-mono"
            />
          </label>
        )}
        <FormError error={error} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            variant={tone === "danger" ? "dangerSolid" : "primary"}
            disabled={!ready}
            pending={pending}
            autoFocus={!confirmText}
          >
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
