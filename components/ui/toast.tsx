"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";

export type ToastInput = {
  message: string;
  tone?: "info" | "success" | "error";
  /** One follow-up, such as "Jump to item". */
  action?: { label: string; onClick: () => void };
};
type Toast = ToastInput & { id: number };

const ToastContext = createContext<(t: ToastInput) => void>(() => {});

const TONE = {
  info: "border-slate-400 bg-white text-slate-900",
  success: "border-emerald-700 bg-emerald-50 text-emerald-900",
  error: "border-red-700 bg-red-50 text-red-900",
} as const;

/** How long a toast stays; one with an action stays longer, to leave time to use it. */
const SHOW_MS = 6_000;
const SHOW_WITH_ACTION_MS = 12_000;

/**
 * Confirms what happened, in a live region at the bottom of the screen (a plain live region,
 * not role=status: pages keep that role for their own confirmations).
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (t: ToastInput) => {
      const id = next.current++;
      setToasts((ts) => [...ts.slice(-2), { ...t, id }]);
      setTimeout(() => dismiss(id), t.action ? SHOW_WITH_ACTION_MS : SHOW_MS);
    },
    [dismiss],
  );
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div
        aria-live="polite"
        data-testid="toasts"
        className="no-print pointer-events-none fixed right-4 bottom-4 left-4 z-50 flex flex-col items-end gap-2 sm:left-auto"
      >
        {toasts.map((t) => (
          <div
            key={t.id}
            className={`pointer-events-auto flex max-w-sm items-center gap-3 rounded border px-3 py-2 text-sm shadow ${TONE[t.tone ?? "info"]}`}
          >
            <span>{t.message}</span>
            {t.action && (
              <button
                type="button"
                className="min-h-6 font-medium underline"
                onClick={() => {
                  dismiss(t.id);
                  t.action!.onClick();
                }}
              >
                {t.action.label}
              </button>
            )}
            <button
              type="button"
              className="ml-auto min-h-6 min-w-6"
              aria-label="Dismiss"
              onClick={() => dismiss(t.id)}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}
