import { describe, expect, it } from "vitest";
import { PayloadTooLargeError } from "@/lib/errors";
import { bodyRefusal, readBody } from "@/lib/http/read-body";

/** A body of `chunks` × 64 KiB made on demand, counting how many were pulled. */
function endlessBody(chunks: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled++ >= chunks) controller.close();
      else controller.enqueue(new Uint8Array(64 * 1024));
    },
  });
  return { body, pulled: () => pulled };
}

describe("readBody", () => {
  it("refuses by Content-Length before reading a byte", async () => {
    const { body, pulled } = endlessBody(1000);
    const req = new Request("http://x/", {
      method: "POST",
      body,
      headers: { "content-length": String(64 * 1024 * 1024) },
      duplex: "half",
    } as RequestInit);
    await expect(readBody(req, 512 * 1024)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("stops reading a body without a length as soon as it passes the limit", async () => {
    const { body, pulled } = endlessBody(1000); // 64 MB if read to the end
    const req = new Request("http://x/", { method: "POST", body, duplex: "half" } as RequestInit);
    const err = await readBody(req, 512 * 1024).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PayloadTooLargeError);
    expect((err as PayloadTooLargeError).status).toBe(413);
    expect(pulled()).toBeLessThan(20);
  });

  it("returns a body within the limit whole", async () => {
    const req = new Request("http://x/", { method: "POST", body: "# Title\n\n* [ ] step\n" });
    expect(new TextDecoder().decode(await readBody(req, 1024))).toBe("# Title\n\n* [ ] step\n");
  });
});

describe("bodyRefusal (proxy.ts)", () => {
  it("refuses a declared length over the limit, a chunked body without one, and lets the rest pass", () => {
    expect(bodyRefusal(new Headers({ "content-length": "3145728" }), 1024 * 1024)).toMatchObject({
      status: 413,
    });
    expect(bodyRefusal(new Headers({ "transfer-encoding": "chunked" }), 1024 * 1024)).toMatchObject({
      status: 411,
    });
    expect(bodyRefusal(new Headers({ "content-length": "100" }), 1024 * 1024)).toBeNull();
    expect(bodyRefusal(new Headers(), 1024 * 1024)).toBeNull();
  });
});
