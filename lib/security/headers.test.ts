import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/security/headers";

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

const prod = { nonce: "bm9uY2Utb25l", dev: false, https: false };

describe("newNonce", () => {
  it("is 128 random bits in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 200 }, newNonce));
    expect(nonces.size).toBe(200);
    for (const n of nonces) {
      expect(n).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(n, "base64")).toHaveLength(16);
    }
  });
});

describe("contentSecurityPolicy", () => {
  it("allows scripts only by nonce in production: no inline, no eval", () => {
    const csp = directives(contentSecurityPolicy(prod));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2Utb25l'", "'strict-dynamic'"]);
    expect(csp.get("style-src")).toEqual(["'self'", "'nonce-bm9uY2Utb25l'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(contentSecurityPolicy(prod)).not.toMatch(/unsafe-eval/);
  });

  it("keeps inline code out even where inline style attributes are allowed", () => {
    const csp = directives(contentSecurityPolicy(prod));
    expect(csp.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    expect(csp.has("script-src-attr")).toBe(false); // falls back to script-src: no inline handlers
  });

  it("adds eval and inline styles only for the development server", () => {
    const csp = directives(contentSecurityPolicy({ ...prod, dev: true }));
    expect(csp.get("script-src")).toContain("'unsafe-eval'");
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("upgrades insecure requests only when served over https", () => {
    expect(directives(contentSecurityPolicy(prod)).has("upgrade-insecure-requests")).toBe(false);
    expect(
      directives(contentSecurityPolicy({ ...prod, https: true })).get("upgrade-insecure-requests"),
    ).toEqual([]);
  });

  it("is one header line", () => {
    expect(contentSecurityPolicy(prod)).not.toMatch(/[\r\n]/);
  });
});

describe("securityHeaders", () => {
  it("sets the whole baseline", () => {
    const h = securityHeaders(prod);
    expect(h).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
      "Cross-Origin-Opener-Policy": "same-origin",
    });
    expect(h["Content-Security-Policy"]).toBe(contentSecurityPolicy(prod));
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) {
      expect(h["Permissions-Policy"]).toContain(`${feature}=()`);
    }
    expect(h["Strict-Transport-Security"]).toBeUndefined();
  });

  it("asks browsers to stay on https only when the app is served over https", () => {
    expect(securityHeaders({ ...prod, https: true })["Strict-Transport-Security"]).toBe("max-age=31536000");
  });
});
