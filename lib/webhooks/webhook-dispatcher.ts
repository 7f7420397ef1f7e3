import "server-only";
import { logger } from "@/lib/log/logger";
import { dispatchWebhooks } from "@/lib/webhooks/dispatch-webhooks";

const INTERVAL_MS = 1_000;

/**
 * Every instance polls once a second; the cursor row's lock lets one of them work at a
 * time. A poll never overlaps the previous one, and a failed poll is logged and retried.
 */
export function startWebhookDispatcher(): { stop: () => void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      // Drain a backlog in batches before waiting again.
      while (!stopped && (await dispatchWebhooks()).events > 0);
    } catch (err) {
      logger.error({ err }, "webhook dispatch failed");
    }
    if (!stopped) timer = setTimeout(tick, INTERVAL_MS);
  };
  timer = setTimeout(tick, INTERVAL_MS);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
