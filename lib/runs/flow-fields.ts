import type { FieldDef } from "@/lib/templates/definition";

/** The fields the flow itself reads and writes, found by type (and, for the window, by name). */
export function flowFields(fields: FieldDef[]) {
  return {
    result: fields.find((f) => f.type === "result"),
    decision: fields.find((f) => f.type === "decision"),
    version: fields.find((f) => f.type === "version"),
    window: fields.find((f) => f.type === "datetime" && /window/i.test(`${f.key} ${f.label}`)),
  };
}

export type Decision = "GO" | "NO GO";
export type Result = "NO GO" | "SUCCEEDED" | "FAILED";
export const branchOf = (d: Decision) => (d === "GO" ? "go" : "no_go");
