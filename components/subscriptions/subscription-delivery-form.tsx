"use client";

import { useState } from "react";
import { setSubscriptionDeliveryAction } from "@/app/(app)/settings/subscriptions/actions";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import type { SubscriptionDelivery } from "@/lib/subscriptions/subscription-delivery";

const CHOICES: { value: SubscriptionDelivery; label: string }[] = [
  { value: "email", label: "Email me when I am copied on a run" },
  { value: "none", label: "No email" },
];

export function SubscriptionDeliveryForm(props: { delivery: SubscriptionDelivery }) {
  const [delivery, setDelivery] = useState(props.delivery);
  const [saved, setSaved] = useState(false);
  const action = useServerAction();
  return (
    <form
      className="max-w-2xl space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        action.run(
          () => setSubscriptionDeliveryAction({ delivery }),
          () => setSaved(true),
        );
      }}
    >
      <fieldset className="space-y-2">
        <legend className="font-semibold">Runs I am copied on</legend>
        {CHOICES.map((c) => (
          <label key={c.value} className="flex items-center gap-2">
            <input
              type="radio"
              name="subscription-delivery"
              value={c.value}
              checked={delivery === c.value}
              onChange={() => {
                setDelivery(c.value);
                setSaved(false);
              }}
            />
            {c.label}
          </label>
        ))}
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={action.pending}>
          {action.pending ? "Saving…" : "Save"}
        </Button>
        {saved && <span role="status">Saved.</span>}
      </div>
      <FormError error={action.error} />
    </form>
  );
}
