"use client";

import dynamic from "next/dynamic";

/** The acknowledgement roster, loaded after the checklist: it is read less often than it is scrolled past. */
export const LazyAckRoster = dynamic(() => import("@/components/runs/ack-roster").then((m) => m.AckRoster), {
  ssr: false,
});
