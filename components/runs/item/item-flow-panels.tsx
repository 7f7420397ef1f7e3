"use client";

import type { RunItemView } from "@/lib/runs/run-view";
import type { Availability } from "@/components/runs/item/item-types";
import type { ItemFlow } from "@/components/runs/item/item-types";
import { RecordForm } from "@/components/runs/flow/record-form";
import {
  LazyAutomationPanel as AutomationPanel,
  LazyChildRunLink as ChildRunLink,
  LazyDecisionPanel as DecisionPanel,
  LazyNotifyControls as NotifyControls,
} from "@/components/runs/item/lazy-panels";
import { ItemLock } from "@/components/runs/flow/item-lock";

/** What the item's kind brings under its text: the lock, a decision, a value to record, a step, a child run, announcements. */
export function ItemFlowPanels(props: {
  item: RunItemView;
  flow: ItemFlow;
  availability: Availability | undefined;
  locked: boolean;
  readOnly: boolean;
}) {
  const { item, flow, locked, readOnly } = props;
  const { run } = flow;
  const open = item.state === "open";
  return (
    <>
      <ItemLock
        runId={run.id}
        runNumber={run.number}
        item={item}
        availability={props.availability}
        canOverride={flow.canDecide}
      />
      {item.kind === "decision" && item.state !== "not_taken" && (
        <DecisionPanel run={run} itemId={item.id} canDecide={flow.canDecide && !locked} me={flow.me} />
      )}
      {item.kind === "record" && !item.spec.recordValue && open && !readOnly && !locked && (
        <RecordForm
          runId={run.id}
          runNumber={run.number}
          item={item}
          field={run.fieldDefs.find((f) => f.key === item.spec.recordField)}
        />
      )}
      {item.spec.automation && <AutomationPanel run={run} item={item} readOnly={readOnly || locked} />}
      {item.kind === "link" && (
        <ChildRunLink run={run} itemId={item.id} itemOpen={open} editable={!readOnly && !locked} />
      )}
      <NotifyControls run={run} item={item} editable={!readOnly && !locked} />
    </>
  );
}
