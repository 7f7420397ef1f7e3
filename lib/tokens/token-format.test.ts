import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { apiTokenHash, displayPrefix, newApiToken } from "@/lib/tokens/token-format";

describe("API token format", () => {
  it("is rs_<8 hex>_<32 random bytes, base64url>, with its SHA-256 hex as the stored hash", () => {
    const { token, prefix, hash } = newApiToken();
    expect(token).toMatch(/^rs_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(`rs_${prefix}_`)).toBe(true);
    expect(Buffer.from(token.slice(12), "base64url")).toHaveLength(32);
    expect(hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(apiTokenHash(token)).toBe(hash);
  });

  it("never repeats", () => {
    const tokens = new Set(Array.from({ length: 500 }, () => newApiToken().token));
    expect(tokens.size).toBe(500);
  });

  it("recognises nothing else as a token", () => {
    const { token } = newApiToken();
    for (const bad of [
      "",
      "rs_",
      token.slice(0, -1),
      `${token}x`,
      token.replace("rs_", "gh_"),
      ` ${token}`,
    ]) {
      expect(apiTokenHash(bad), bad).toBeNull();
    }
  });

  it("shows only the prefix", () => {
    expect(displayPrefix("0a1b2c3d")).toBe("rs_0a1b2c3d_…");
  });
});
