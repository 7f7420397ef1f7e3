"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { setTeamApproversAction } from "@/app/(app)/teams/actions";
import { Button } from "@/components/ui/button";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { Field, inputClass } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";

type Person = { id: string; name: string; handle: string };

/** The people every new run of the team starts with as its GO approvers; none: anyone who may decide. */
export function TeamApproversForm(props: {
  team: string;
  approvers: Person[];
  candidates: Person[];
  minApprovals: number | null;
}) {
  const router = useRouter();
  const { run, pending, error, fieldError } = useServerAction();
  const [saved, setSaved] = useState(false);
  // Someone named earlier who may no longer decide still shows, so that saving can drop them.
  const people = [
    ...props.candidates,
    ...props.approvers.filter((a) => !props.candidates.some((c) => c.id === a.id)),
  ];
  const label = new Map(people.map((p) => [p.id, `${p.name} (@${p.handle})`]));
  return (
    <form
      className="space-y-3 text-sm"
      data-testid="team-approvers-form"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const userIds = f.getAll("userIds").map(String);
        const min = String(f.get("minApprovals") ?? "").trim();
        // Blank: the template's quorum; anything else goes as a number for the server to judge.
        const minApprovals = min === "" ? null : Number(min);
        setSaved(false);
        run(
          () => setTeamApproversAction({ team: props.team, userIds, minApprovals }),
          () => {
            setSaved(true);
            router.refresh();
          },
        );
      }}
    >
      <CheckboxGroup
        legend="Default approvers"
        name="userIds"
        values={people.map((p) => p.id)}
        checkedValues={props.approvers.map((a) => a.id)}
        labelOf={(id) => label.get(id)}
        error={fieldError("userIds")}
      />
      <Field
        label="Minimum approvals for GO"
        hint="Blank: the template's decision item sets it. A template asking for more keeps its own."
        error={fieldError("minApprovals")}
        className="max-w-xs"
      >
        <input
          name="minApprovals"
          inputMode="numeric"
          defaultValue={props.minApprovals ?? ""}
          className={inputClass}
        />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" pending={pending} pendingLabel="Saving…">
          Save approvers
        </Button>
        {saved && !error && (
          <p role="status" className="text-emerald-800">
            Saved. New runs of this team start with these approvers.
          </p>
        )}
        <FormError error={error} />
      </div>
    </form>
  );
}
