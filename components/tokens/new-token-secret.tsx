"use client";

import { useState } from "react";

/** The plaintext of a token just created: shown this once, held only in this component's state. */
export function NewTokenSecret({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <div role="status" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
      <p className="font-medium">
        Token “{name}” created. Copy it now: it will not be shown again, and it cannot be recovered.
      </p>
      <div className="flex items-center gap-2">
        <code data-testid="new-token" className="rounded bg-white px-2 py-1 font-mono break-all">
          {token}
        </code>
        <button type="button" onClick={copy} className="rounded border border-slate-300 bg-white px-2 py-1">
          {copied === "yes" ? "Copied" : "Copy"}
        </button>
      </div>
      {copied === "failed" && <p className="text-red-700">Copying failed; select the token and copy it.</p>}
      <button type="button" onClick={onDone} className="underline">
        I have stored it
      </button>
    </div>
  );
}
