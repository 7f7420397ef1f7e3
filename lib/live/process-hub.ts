import "server-only";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { LiveHub } from "@/lib/live/live-hub";

// One per process, shared by every open stream; dev hot reload would otherwise open another.
const globalForLive = globalThis as unknown as { runsheetLiveHub?: LiveHub };

export function liveHub(): LiveHub {
  globalForLive.runsheetLiveHub ??= new LiveHub({
    connectionString: env().DATABASE_URL,
    connectTimeoutMs: env().DB_CONNECT_TIMEOUT_MS,
    log: (m) => logger.warn(m),
  });
  return globalForLive.runsheetLiveHub;
}
