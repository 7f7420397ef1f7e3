import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-token";

const secret = "a-test-secret-that-is-long-enough-0123456789";

describe("session tokens", () => {
  it("are read by next-auth, and read next-auth's, so sessions survive either way", async () => {
    const claims = { sub: "u1", sid: "s1", sv: 3 };
    const ours = await encodeSessionToken({ token: claims, secret });
    expect(await decode({ token: ours, secret })).toMatchObject(claims);
    const theirs = await encode({ token: claims, secret });
    expect(await decodeSessionToken({ token: theirs, secret })).toMatchObject(claims);
  });

  it("refuse a token made with another secret", async () => {
    const token = await encodeSessionToken({ token: { sub: "u1" }, secret });
    await expect(decodeSessionToken({ token, secret: `${secret}-other` })).rejects.toThrow();
  });

  it("expire after their maximum age", async () => {
    const token = await encodeSessionToken({ token: { sub: "u1" }, secret, maxAge: -60 });
    await expect(decodeSessionToken({ token, secret })).rejects.toThrow(/exp/);
  });
});
