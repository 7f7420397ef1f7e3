"use client";

import { useState, useTransition } from "react";
import { acknowledgeLinkAction } from "@/app/ack/[token]/actions";
import { LocalTime } from "@/components/ui/local-time";

export function AcknowledgeLinkButton({
  token,
  acknowledgedAt,
}: {
  token: string;
  acknowledgedAt: string | null;
}) {
  const [at, setAt] = useState(acknowledgedAt);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  if (at)
    return (
      <p
        className="rounded border border-emerald-300 bg-emerald-50 p-3 font-medium"
        data-testid="acknowledged"
      >
        Acknowledged at <LocalTime iso={at} withSeconds />
      </p>
    );
  return (
    <div className="space-y-2">
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const res = await acknowledgeLinkAction({ token });
            if (res.ok) setAt(res.data.acknowledgedAt);
            else setError(res.error);
          })
        }
        className="rounded bg-slate-900 px-4 py-2 font-medium text-white disabled:opacity-50"
      >
        {pending ? "Recording…" : "I acknowledge"}
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
