"use client";

import dynamic from "next/dynamic";

/*
 * What only some items need is loaded when such an item is on screen, not with the page:
 * Markdown bodies (a Markdown parser and sanitiser), decisions and approvals, AWS steps,
 * announcements and child runs. The checklist itself (boxes, text, evidence) needs none of it.
 */

export const LazyMarkdownBody = dynamic(
  () => import("@/components/templates/markdown-body").then((m) => m.MarkdownBody),
  { ssr: false },
);
export const LazyDecisionPanel = dynamic(
  () => import("@/components/runs/flow/decision-panel").then((m) => m.DecisionPanel),
  { ssr: false },
);
export const LazyAutomationPanel = dynamic(
  () => import("@/components/runs/automation/automation-panel").then((m) => m.AutomationPanel),
  { ssr: false },
);
export const LazyNotifyControls = dynamic(
  () => import("@/components/runs/notify/notify-controls").then((m) => m.NotifyControls),
  { ssr: false },
);
export const LazyChildRunLink = dynamic(
  () => import("@/components/runs/flow/child-run-link").then((m) => m.ChildRunLink),
  { ssr: false },
);
