"use client";

import { useState, type ReactNode } from "react";

/**
 * A secret just created (an API token, a webhook's signing secret): shown this once, held
 * only in the caller's state, with a copy button and an "I have stored it" that hides it.
 */
export function ShownOnceSecret({
  message,
  secret,
  testId,
  onDone,
}: {
  message: ReactNode;
  secret: string;
  testId: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <div role="status" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
      <p className="font-medium">{message}</p>
      <div className="flex items-center gap-2">
        <code data-testid={testId} className="rounded bg-white px-2 py-1 font-mono break-all">
          {secret}
        </code>
        <button type="button" onClick={copy} className="rounded border border-slate-300 bg-white px-2 py-1">
          {copied === "yes" ? "Copied" : "Copy"}
        </button>
      </div>
      {copied === "failed" && <p className="text-red-700">Copying failed; select it and copy it.</p>}
      <button type="button" onClick={onDone} className="underline">
        I have stored it
      </button>
    </div>
  );
}
