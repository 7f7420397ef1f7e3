"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { removeTeamTargetAction, sendTeamTestMessageAction } from "@/app/(app)/teams/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { TargetSecrets } from "@/components/settings/integration-target-fields";
import { TeamTargetForm, type TargetDraft } from "@/components/team-settings/team-target-form";
import type { TeamTargetView } from "@/lib/team-settings/get-team-settings";

const channelName = { email: "Email list", slack: "Slack channel", statuspage: "Status page" } as const;

function InForce({ target }: { target: TeamTargetView }) {
  if (target.inForce === "team")
    return (
      <Badge tone="info" data-testid="target-in-force" data-scope="team">
        team&apos;s own target
      </Badge>
    );
  if (target.inForce === "workspace")
    return (
      <Badge data-testid="target-in-force" data-scope="workspace">
        workspace default target
      </Badge>
    );
  return (
    <Badge tone="warn" data-testid="target-in-force" data-scope="none">
      not configured
    </Badge>
  );
}

/** The targets the team's runs announce to, whose target is in force for each, and the team's own. */
export function TeamTargetsSection(props: { team: string; targets: TeamTargetView[]; canEdit: boolean }) {
  const router = useRouter();
  const [draft, setDraft] = useState<TargetDraft | null>(null);
  const { run, pending, error } = useServerAction();
  const [tested, setTested] = useState<{ ok: boolean; text: string } | null>(null);
  const test = (t: TeamTargetView) => {
    setTested(null);
    run(
      () => sendTeamTestMessageAction({ team: props.team, channel: t.channel, name: t.name }),
      (r) =>
        setTested(
          r.ok
            ? { ok: true, text: `Test sent: ${r.evidence}` }
            : { ok: false, text: `Test failed: ${r.error}` },
        ),
    );
  };
  const names = [...new Set(props.targets.map((t) => t.name))];
  return (
    <div className="space-y-4">
      {props.targets.length === 0 ? (
        <p className="text-sm text-slate-600">This team&apos;s templates name no channel yet.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {props.targets.map((t) => (
            <li
              key={`${t.channel}:${t.name}`}
              className="flex flex-wrap items-center gap-2 rounded border border-slate-200 p-2"
              data-testid={`team-target-${t.channel}-${t.name}`}
            >
              <span className="font-medium">
                {channelName[t.channel]} “{t.name}”
              </span>
              <InForce target={t} />
              {t.usedBy.length > 0 && (
                <span className="text-xs text-slate-600">Named in: {t.usedBy.join(", ")}</span>
              )}
              {t.config && <TargetSecrets secrets={t.secrets} />}
              {props.canEdit && (
                <span className="ml-auto flex gap-2">
                  <Button
                    size="sm"
                    onClick={() => setDraft({ channel: t.channel, name: t.name, config: t.config ?? {} })}
                  >
                    {t.config ? "Edit" : "Set a team target"}
                    <span className="sr-only">
                      {" "}
                      for {channelName[t.channel]} {t.name}
                    </span>
                  </Button>
                  {t.config && (
                    <Button size="sm" pending={pending} onClick={() => test(t)}>
                      Send test message
                      <span className="sr-only">
                        {" "}
                        to {channelName[t.channel]} {t.name}
                      </span>
                    </Button>
                  )}
                  {t.config && (
                    <Button
                      size="sm"
                      variant="danger"
                      pending={pending}
                      onClick={() =>
                        run(
                          () =>
                            removeTeamTargetAction({ team: props.team, channel: t.channel, name: t.name }),
                          () => router.refresh(),
                        )
                      }
                    >
                      Remove team target
                      <span className="sr-only">
                        {" "}
                        for {channelName[t.channel]} {t.name}
                      </span>
                    </Button>
                  )}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormError error={error} />
      {tested && (
        <p
          role={tested.ok ? "status" : "alert"}
          className={`text-sm ${tested.ok ? "text-emerald-800" : "text-red-800"}`}
          data-testid="team-target-test"
        >
          {tested.text}
        </p>
      )}
      {props.canEdit && (
        <div className="rounded border border-slate-200 p-3">
          <h3 className="mb-2 font-medium">{draft ? `Team target “${draft.name}”` : "Add a team target"}</h3>
          <TeamTargetForm
            key={draft ? `${draft.channel}:${draft.name}` : "new"}
            team={props.team}
            names={names}
            draft={draft}
          />
        </div>
      )}
    </div>
  );
}
