import "server-only";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { ValidationError } from "@/lib/errors";
import { changeItem, type ItemRef } from "@/lib/runs/change-item";

/** Sets or clears the person responsible for an item. */
export function assignItem(ref: ItemRef & { assigneeId: string | null }) {
  return changeItem(ref, async ({ item, tx }) => {
    if (ref.assigneeId) {
      const user = await tx.user.findUnique({ where: { id: ref.assigneeId } });
      const canWork = user?.active && (PERMISSIONS["runs.write"] as readonly string[]).includes(user.role);
      if (!canWork)
        throw new ValidationError("That person cannot be assigned: they may not work on runs.", {
          assigneeId: ["Not an active operator"],
        });
    }
    return {
      action: "item.assigned",
      data: { assigneeId: ref.assigneeId },
      payload: { from: item.assigneeId, to: ref.assigneeId },
    };
  });
}
