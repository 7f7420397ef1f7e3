// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RunItemView, RunView } from "@/lib/runs/run-view";
import { RunItemRow, type OnItemMutate } from "@/components/runs/run-item-row";

// The row's forms call server actions; here only what the row does with them matters.
vi.mock("@/app/(app)/runs/actions", () => ({ tickItemAction: vi.fn() }));
vi.mock("@/app/(app)/runs/flow-actions", () => ({
  skipItemAction: vi.fn(),
  recordItemAction: vi.fn(),
  unlockItemAction: vi.fn(),
}));
vi.mock("@/app/(app)/runs/notify-actions", () => ({}));

afterEach(cleanup);

const olivia = { id: "u1", name: "Olivia Operator", handle: "olivia" };
const omar = { id: "u2", name: "Omar Operator", handle: "omar" };

function item(patch: Partial<RunItemView> = {}): RunItemView {
  return {
    id: "i1",
    sectionId: "s1",
    parentId: null,
    position: 1,
    path: "1.2",
    depth: 0,
    kind: "task",
    text: "Confirm Go Call",
    spec: { line: 3 },
    state: "open",
    assignee: null,
    doneBy: null,
    doneAt: null,
    startedAt: null,
    elapsedMs: null,
    note: null,
    version: 1,
    unlocked: null,
    ...patch,
  } as RunItemView;
}

function renderRow(it: RunItemView, opts: { readOnly?: boolean; locked?: boolean } = {}) {
  const onMutate = vi.fn<OnItemMutate>();
  const run = {
    id: "r1",
    number: 7,
    fieldDefs: [],
    fields: {},
    people: [olivia, omar],
    availability: opts.locked
      ? {
          [it.id]: {
            available: false,
            reasons: [{ kind: "order", text: "needs the previous phase done" }],
            overridden: [],
          },
        }
      : {},
    items: [it],
    sections: [],
  } as unknown as RunView;
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ul>
        <RunItemRow
          item={it}
          sectionKey="pre-flight"
          people={run.people}
          pending={false}
          readOnly={!!opts.readOnly}
          onMutate={onMutate}
          render={(t) => t}
          flow={{ run, canDecide: false, me: olivia }}
        />
      </ul>
    </QueryClientProvider>,
  );
  return { onMutate, row: screen.getByTestId("item-pre-flight-1.2") };
}

describe("RunItemRow", () => {
  it("ticks from its box", () => {
    const { onMutate } = renderRow(item());
    fireEvent.click(screen.getByRole("checkbox", { name: "Tick 1.2: Confirm Go Call" }));
    expect(onMutate).toHaveBeenCalledWith(expect.objectContaining({ type: "tick", done: true }));
  });

  it("answers the keyboard on the focused row: x ticks, n opens the note, a the assignee", () => {
    const { onMutate, row } = renderRow(item());
    row.focus();
    fireEvent.keyDown(row, { key: "x" });
    expect(onMutate).toHaveBeenCalledWith(expect.objectContaining({ type: "tick", done: true }));
    fireEvent.keyDown(row, { key: "n" });
    expect(screen.getByLabelText("Note for 1.2")).toBeTruthy();
    fireEvent.keyDown(row, { key: "a" });
    fireEvent.change(screen.getByLabelText("Assignee for 1.2"), { target: { value: "u2" } });
    expect(onMutate).toHaveBeenCalledWith(expect.objectContaining({ type: "assign", assignee: omar }));
  });

  it("keeps assign, note and skip in its menu", () => {
    const { row } = renderRow(item());
    fireEvent.click(within(row).getByRole("button", { name: "More actions for 1.2" }));
    expect(screen.getAllByRole("menuitem").map((m) => m.textContent)).toEqual([
      "Assign…",
      "Add note",
      "Skip…",
    ]);
    fireEvent.click(screen.getByRole("menuitem", { name: "Skip…" }));
    expect(screen.getByLabelText("Reason to skip 1.2")).toBeTruthy();
  });

  it("shows who ticked it, when, and explains elapsed", () => {
    renderRow(
      item({
        state: "done",
        doneBy: olivia,
        doneAt: "2026-11-30T15:00:00.000Z",
        elapsedMs: 29_000,
        version: 2,
      }),
    );
    const evidence = screen.getByTestId("tick-evidence");
    expect(evidence.textContent).toContain("Olivia Operator (@olivia) at");
    expect(evidence.textContent).toContain("elapsed 29s");
    expect(within(evidence).getByText("elapsed").getAttribute("title")).toMatch(/previous tick/);
  });

  it("offers nothing to change to a reader, and a padlock when locked", () => {
    renderRow(item(), { readOnly: true });
    expect(screen.queryByRole("button", { name: /More actions/ })).toBeNull();
    expect((screen.getByRole("checkbox") as HTMLInputElement).disabled).toBe(true);
    cleanup();
    renderRow(item(), { locked: true });
    expect(screen.getByRole("img", { name: "1.2 is locked" })).toBeTruthy();
    expect(screen.queryByRole("checkbox")).toBeNull();
  });
});
