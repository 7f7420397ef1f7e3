"use client";

import { useEffect } from "react";
import { useToast } from "@/components/ui/toast";

/** Moves focus to an item's row, opening its phase if it was collapsed. */
function jumpTo(itemId: string) {
  const row = document.getElementById(`item-${itemId}`);
  if (!row) return;
  row.focus();
  row.scrollIntoView({ block: "center" });
}

/** A refused change is shown on its item; the toast says so wherever the viewer is looking. */
export function useRefusalToast(notice: { itemId: string; path: string; kind: string } | null | undefined) {
  const toast = useToast();
  useEffect(() => {
    if (!notice) return;
    toast({
      tone: "error",
      message: `${notice.path}: ${notice.kind === "conflict" ? "someone else changed it first" : "not saved"}`,
      action: { label: "Jump to item", onClick: () => jumpTo(notice.itemId) },
    });
  }, [notice, toast]);
}
