import type { ChannelDef, FieldDef, ItemDef, ItemKind } from "./definition";
import { normalizeOption } from "./infer-field";

/** What the classifier may look at for one task item. */
export type ItemFacts = {
  /** The item's own text, whitespace-collapsed, with `{{key}}` tokens. */
  text: string;
  /** The same text line by line, for announcements written on their own line. */
  lines: string[];
  /** The channel each direct child names, or null when it names none. */
  childChannels: (ChannelDef | null)[];
  /** Fields whose placeholders appear in this item. */
  usedFields: FieldDef[];
  fields: readonly FieldDef[];
};

export type Classification = Omit<ItemDef, "key" | "line" | "children" | "channel">;

type Rule = {
  kind: ItemKind;
  /** Why the rule exists, for whoever reads the table. */
  note: string;
  when: (f: ItemFacts) => boolean;
  details?: (f: ItemFacts) => Partial<Classification>;
};

/** A child line that stands for one channel of its parent's announcement. */
const CHANNEL_RULES: { type: ChannelDef["type"]; pattern: RegExp }[] = [
  { type: "email", pattern: /^(?:e-?mail)(?:\s+list)?\s*:?\s*"([^"]+)"\.?$/i },
  { type: "slack", pattern: /^slack(?:\s+channel)?\s*:?\s*(?:"([^"]+)"|(#[\w.-]+))\.?$/i },
  { type: "statuspage", pattern: /^status(?:\s*page)?(?:\s+at)?\s*:?\s*"([^"]+)"\.?$/i },
];

export function channelOf(text: string): ChannelDef | null {
  for (const rule of CHANNEL_RULES) {
    const m = rule.pattern.exec(text);
    const target = m?.[1] ?? m?.[2];
    if (target) return { type: rule.type, target };
  }
  return null;
}

const AUTOMATIONS: { automation: NonNullable<ItemDef["automation"]>; pattern: RegExp }[] = [
  // The kick-off starts the job; sibling steps that merely mention backups are manual.
  { automation: "backup", pattern: /\b(kick[\s-]?off|start|trigger|run)\b.*\bbackup\b/i },
  // Before the DNS switch's rule: "switch DNS back" is the backoff, not the switch.
  { automation: "backoff", pattern: /\bback\s?off\b.*\bdns\b/i },
  { automation: "cloudformation_update", pattern: /\bsubmit\b.*\bcloud\s?formation\b/i },
  { automation: "asg_prescale", pattern: /\bpre-?scale\b/i },
  { automation: "route53_switch", pattern: /\b(update|switch)\s+(the\s+)?dns\b/i },
  { automation: "post_cutover_tests", pattern: /\bpost[\s-]?cut-?over\b.*\btest/i },
];

const GO_NO_GO_DECISION = /\bgo\s*\/\s*no[\s-]*go\s+decision\b/i;
const GO_TO_SECTION = /\bgo\s+(?:forward\s+|back\s+|on\s+)?to\s+section\s+"([^"]+)"/i;
const RECORD_VALUE = /\brecord\s+"([^"]+)"/i;

/**
 * First matching rule wins, so the order encodes precedence: an item that says
 * "check this AFTER" is a stopwatch even if it also mentions a backup.
 */
export const ITEM_RULES: Rule[] = [
  {
    kind: "stopwatch",
    note: "checked after a long-running step finishes, to time it",
    when: (f) => /\bcheck this after\b/i.test(f.text),
  },
  {
    kind: "decision",
    note: "the go/no-go call; also announced like a notify item",
    when: (f) => GO_NO_GO_DECISION.test(f.text) || f.usedFields.some((x) => x.type === "decision"),
    details: (f) => {
      const decision = f.usedFields.find((x) => x.type === "decision");
      return { ...announcement(f), ...(decision ? { recordField: decision.key } : {}) };
    },
  },
  {
    kind: "notify",
    note: "an announcement whose sub-items are all channels to post it to",
    when: (f) => f.childChannels.length > 0 && f.childChannels.every((c) => c !== null),
    details: announcement,
  },
  {
    kind: "link",
    note: "creates a child checklist and records its issue number",
    when: (f) =>
      f.usedFields.some((x) => x.type === "issue_ref") ||
      /\bcloses\s+#/i.test(f.text) ||
      /\bpost[\s-]?mortem issue\s*:/i.test(f.text),
    details: (f) => {
      const template = /\btemplate\s+"([^"]+)"/i.exec(f.text)?.[1];
      const issue = f.usedFields.find((x) => x.type === "issue_ref");
      return {
        ...(template ? { linkTemplate: template } : {}),
        ...(issue ? { recordField: issue.key } : {}),
      };
    },
  },
  {
    kind: "record",
    note: 'sets an option field to a named value: record "SUCCEEDED"',
    when: (f) => RECORD_VALUE.test(f.text),
    details: (f) => {
      const value = RECORD_VALUE.exec(f.text)?.[1] ?? "";
      const field = recordedField(f, value);
      return {
        recordValue: field?.options?.find((o) => o === normalizeOption(value)) ?? value,
        ...(field ? { recordField: field.key } : {}),
      };
    },
  },
  {
    kind: "record",
    note: "asks for a value only known while working: Record here: _WINDOW_DATE_TIME_",
    when: (f) => f.usedFields.some(isRecordable),
    details: (f) => ({ recordField: f.usedFields.find(isRecordable)?.key }),
  },
  {
    kind: "task",
    note: 'moves the run to another section when ticked: go forward to section "…"',
    when: (f) => GO_TO_SECTION.test(f.text),
    details: (f) => ({ goTo: GO_TO_SECTION.exec(f.text)?.[1] }),
  },
  ...AUTOMATIONS.map(({ automation, pattern }): Rule => ({
    kind: "automation",
    note: `a step the app can run: ${automation}`,
    when: (f) => pattern.test(f.text),
    details: () => ({ automation }),
  })),
];

/**
 * Kinds the words of an item may decide on their own: a stopwatch says so ("check this
 * AFTER item when … complete"), a link names the issue it closes, a task may say where to
 * go next. Announcements, decisions, records and automation act on the world, so they come
 * only from an explicit annotation (`<!-- runsheet: kind=notify -->`); the words may only
 * suggest them.
 */
export const KINDS_FROM_WORDS: readonly ItemKind[] = ["task", "stopwatch", "link"];

export type Explicit = { kind?: ItemKind; automation?: NonNullable<ItemDef["automation"]> };

/**
 * The item's kind and what goes with it. `explicit` is what its annotation says; without
 * one only KINDS_FROM_WORDS are taken from the words.
 */
export function classifyItem(facts: ItemFacts, explicit: Explicit = {}): Classification {
  const wanted = explicit.kind ?? (explicit.automation ? "automation" : undefined);
  let rule: Rule | undefined;
  if (wanted) {
    rule =
      ITEM_RULES.find((r) => r.kind === wanted && r.when(facts)) ??
      // Which step an automation runs is never guessed: it must be named or read from the words.
      (wanted === "automation" ? undefined : ITEM_RULES.find((r) => r.kind === wanted));
    if (wanted === "automation" && explicit.automation) {
      rule = ITEM_RULES.find(
        (r) => r.kind === "automation" && r.details?.(facts).automation === explicit.automation,
      );
    }
  } else {
    rule = ITEM_RULES.find((r) => r.when(facts) && KINDS_FROM_WORDS.includes(r.kind));
    // A stopwatch or link rule must not be shadowed by a rule that may only suggest.
  }
  const base: Classification = { kind: wanted ?? rule?.kind ?? "task", text: facts.text };
  const details = rule && rule.kind === base.kind ? (rule.details?.(facts) ?? {}) : {};
  // Absent, not undefined: definitions are compared and stored as JSON.
  return Object.fromEntries(
    Object.entries({ ...base, ...details }).filter(([, v]) => v !== undefined),
  ) as Classification;
}

/** What the words alone would make of an item, for the import preview to offer. */
export function suggestKind(facts: ItemFacts): Pick<ItemDef, "kind" | "automation"> | null {
  const rule = ITEM_RULES.find((r) => r.when(facts));
  if (!rule || KINDS_FROM_WORDS.includes(rule.kind)) return null;
  const automation = rule.details?.(facts).automation;
  return { kind: rule.kind, ...(automation ? { automation } : {}) };
}

function isRecordable(field: FieldDef): boolean {
  return field.source === "item" && field.type !== "issue_ref" && field.type !== "decision";
}

/** Prefer the field the item names in quotes ("Changeset Deployment Attempt Result"). */
function recordedField(f: ItemFacts, value: string): FieldDef | undefined {
  const wanted = normalizeOption(value);
  const candidates = f.fields.filter((x) => x.options?.includes(wanted));
  const quoted = [...f.text.matchAll(/"([^"]+)"/g)].map((m) => (m[1] ?? "").toLowerCase());
  return candidates.find((x) => quoted.includes(x.label.toLowerCase())) ?? candidates[0];
}

/**
 * The announcement text of a notify/decision item: either a quoted last line
 * (removed from the item text) or an inline `post message "…"`.
 */
function announcement(f: ItemFacts): Partial<Classification> {
  const channels = f.childChannels.filter((c): c is ChannelDef => c !== null);
  const withChannels = channels.length > 0 ? { channels } : {};

  const lines = f.lines.map((l) => l.trim()).filter(Boolean);
  const last = lines[lines.length - 1];
  const quotedLine = lines.length >= 2 && last ? /^"(.+)"$/.exec(last) : null;
  if (quotedLine) {
    return {
      message: collapse(quotedLine[1] ?? ""),
      text: collapse(lines.slice(0, -1).join(" ")),
      ...withChannels,
    };
  }
  const inline =
    /\b(?:message|announcement|announce)\s*:?\s*"([^"]+)"/i.exec(f.text) ?? /:\s*"([^"]+)"\s*$/.exec(f.text);
  return { ...(inline ? { message: collapse(inline[1] ?? "") } : {}), ...withChannels };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
