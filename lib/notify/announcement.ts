import "server-only";
import { createHash } from "node:crypto";
import type { Tx } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { DomainError, NotFoundError } from "@/lib/errors";
import type { Run, RunItem } from "@/lib/generated/prisma/client";
import { wordForResult, type RunContext } from "@/lib/notify/compose-message";
import type { ItemSpec } from "@/lib/runs/run-view";
import type { ChannelDef } from "@/lib/templates/definition";
import { renderTokens, tokensIn } from "@/lib/templates/render-tokens";

export type Announcement = {
  parent: RunItem;
  /** The message with the run's fields filled in. */
  message: string;
  /** Labels of the fields the message still needs. */
  missing: string[];
  channels: { item: RunItem; channel: ChannelDef }[];
};

/** A notify (or decision) item of `run`, its rendered message and its channel sub-items. */
export async function loadAnnouncement(tx: Tx, run: Run, itemId: string): Promise<Announcement> {
  const parent = await tx.runItem.findUnique({ where: { id: itemId } });
  if (!parent || parent.runId !== run.id) throw new NotFoundError("That item is not part of this run.");
  const spec = parent.spec as ItemSpec;
  if (!spec.message) throw new DomainError("This item has no announcement to send.");
  const children = await tx.runItem.findMany({
    where: { parentId: parent.id },
    orderBy: { position: "asc" },
  });
  const channels = children.flatMap((item) => {
    const channel = (item.spec as ItemSpec).channel;
    return channel ? [{ item, channel }] : [];
  });
  if (!channels.length) throw new DomainError("This announcement names no channel to send it to.");
  const fields = run.fields as Record<string, string>;
  const worded = wordForResult(renderTokens(spec.message, fields), run.result);
  const message = worded.text;
  const labels = await fieldLabels(tx, run);
  const missing = tokensIn(message).map((k) => labels[k] ?? k);
  if (!worded.ready) missing.push("the run's result (FAILED or NO GO), which chooses the wording");
  return { parent, message, missing, channels };
}

async function fieldLabels(tx: Tx, run: Run): Promise<Record<string, string>> {
  const version = await tx.templateVersion.findUnique({
    where: { id: run.templateVersionId },
    select: { definition: true },
  });
  const fields =
    (version?.definition as { fields?: { key: string; label: string }[] } | undefined)?.fields ?? [];
  return Object.fromEntries(fields.map((f) => [f.key, f.label]));
}

export function runContext(run: Pick<Run, "number" | "title" | "result">): RunContext {
  return {
    label: `Run #${run.number}`,
    title: run.title,
    result: run.result,
    url: `${appUrl()}/runs/${run.number}`,
  };
}

export function messageHash(message: string): string {
  return createHash("sha256").update(message, "utf8").digest("hex");
}
