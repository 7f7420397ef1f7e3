import { describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/options";
import type { LiveHub, LiveMessage } from "@/lib/live/live-hub";
import { runEventStream } from "@/lib/live/run-event-stream";
import { mayStillWatch } from "@/lib/live/stream-access";
import { removeSubscriber } from "@/lib/acks/remove-subscriber";
import { changeUser } from "@/lib/users/change-user";
import { makeUser } from "@/test/fixtures";
import { AUDITORS, runWithSubscribers, subscribersOf } from "@/test/ack-fixtures";

/** Just enough of a hub to push messages at one stream. */
function stubHub() {
  const listeners = new Set<(m: LiveMessage) => void>();
  const hub = {
    instance: "test",
    subscribe: (_runId: string, fn: (m: LiveMessage) => void) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    join: () => () => {},
    viewers: () => [],
  } as unknown as LiveHub;
  return { hub, push: (m: LiveMessage) => listeners.forEach((fn) => fn(m)), listeners };
}

/** Reads the stream until it closes or `ms` pass; returns the event names seen and whether it closed. */
async function readFor(stream: ReadableStream<Uint8Array>, ms: number) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + ms;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return { events: names(text), closed: false, reader };
    const next = await Promise.race([
      reader.read(),
      new Promise<"timeout">((r) => setTimeout(() => r("timeout"), left)),
    ]);
    if (next === "timeout") return { events: names(text), closed: false, reader };
    if (next.done) return { events: names(text), closed: true, reader };
    text += decoder.decode(next.value);
  }
}
const names = (text: string) => [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);

async function claimsFor(userId: string) {
  const token = await authOptions.callbacks!.jwt!({
    token: { sub: userId },
    user: { id: userId } as never,
    account: { provider: "credentials", type: "credentials", providerAccountId: userId },
  } as never);
  return { userId, sid: token.sid as string, sv: token.sv as number };
}

describe("a run's live stream", () => {
  it("closes when its subscriber is taken off the run, at the change that did it", async () => {
    const [operator, subscriber] = [await makeUser("operator"), await makeUser("subscriber")];
    const run = await runWithSubscribers(operator, { [AUDITORS]: `@${subscriber.handle}` });
    const claims = await claimsFor(subscriber.id);
    const { hub, push, listeners } = stubHub();
    const stream = runEventStream(
      hub,
      { runId: run.id, userId: subscriber.id, name: subscriber.name },
      new AbortController().signal,
      () => mayStillWatch(claims, run.id),
    );
    const change = { runId: run.id, seq: 99, action: "item.ticked", itemId: null, scope: "run" as const };
    push({ type: "change", change });
    const before = await readFor(stream, 500);
    expect(before.events).toEqual(["ready", "presence", "change"]);
    before.reader.releaseLock();

    const [sub] = await subscribersOf(run.id);
    await removeSubscriber({ actor: operator, runId: run.id, subscriberId: sub!.id });
    push({ type: "change", change: { ...change, seq: 100, action: "subscriber.removed" } });
    const after = await readFor(stream, 2_000);
    expect(after.events).toEqual(["ended"]);
    expect(after.closed).toBe(true);
    expect(listeners.size).toBe(0);
  });

  it("closes at the next heartbeat when the viewer is deactivated, though the run did not change", async () => {
    const [admin, auditor] = [await makeUser("admin"), await makeUser("auditor")];
    const run = await runWithSubscribers(admin, {});
    const claims = await claimsFor(auditor.id);
    const { hub } = stubHub();
    const stream = runEventStream(
      hub,
      { runId: run.id, userId: auditor.id, name: auditor.name },
      new AbortController().signal,
      () => mayStillWatch(claims, run.id),
      100,
    );
    const open = await readFor(stream, 300);
    expect(open.closed).toBe(false);
    open.reader.releaseLock();
    await changeUser({ actor: admin, userId: auditor.id, active: false });
    const after = await readFor(stream, 2_000);
    expect(after.events).toEqual(["ended"]);
    expect(after.closed).toBe(true);
  });
});
