import type { RunItemView } from "@/lib/runs/run-view";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const kindTone: Record<string, BadgeTone> = {
  stopwatch: "warn",
  decision: "decision",
  notify: "info",
  automation: "good",
  link: "neutral",
  record: "neutral",
};

const channelLabel = { email: "Email list", slack: "Slack channel", statuspage: "Status page" } as const;

/** The item's number, its text with placeholders filled, and what kind of step it is. */
export function ItemTitle({ item, text, overdue }: { item: RunItemView; text: string; overdue: boolean }) {
  return (
    <p className={`break-words ${item.state === "done" ? "text-slate-700" : ""}`}>
      <span className="mr-2 font-mono text-xs text-slate-600">{item.path}</span>
      {text}
      {item.kind !== "task" && (
        <Badge tone={kindTone[item.kind] ?? "neutral"} className="ml-2 font-normal">
          {item.spec.channel
            ? channelLabel[item.spec.channel.type]
            : (item.spec.automation?.replaceAll("_", " ") ?? item.kind)}
        </Badge>
      )}
      {overdue && (
        <Badge tone="bad" className="ml-2" data-testid="item-overdue">
          overdue
        </Badge>
      )}
    </p>
  );
}
