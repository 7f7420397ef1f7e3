import { Badge } from "@/components/ui/badge";

/** Whether a message goes to the run's team's own target or the workspace default one. */
export function TargetScopeBadge({ scope }: { scope: "team" | "workspace" | null }) {
  if (!scope) return null;
  return (
    <Badge tone={scope === "team" ? "info" : "neutral"} data-testid="target-scope" data-scope={scope}>
      {scope === "team" ? "team's own target" : "workspace default target"}
    </Badge>
  );
}
