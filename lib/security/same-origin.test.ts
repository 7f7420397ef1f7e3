import { describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "@/lib/security/same-origin";

const HOST = "runsheet.example.com";
const req = (h: Record<string, string>) => new Headers({ host: HOST, ...h });

describe("isCrossSiteRequest", () => {
  it("accepts the app's own pages", () => {
    expect(isCrossSiteRequest(req({ origin: `https://${HOST}`, "sec-fetch-site": "same-origin" }))).toBe(
      false,
    );
    expect(isCrossSiteRequest(req({ origin: `https://${HOST.toUpperCase()}` }))).toBe(false);
  });

  it("refuses another site's pages, whatever Sec-Fetch-Site says", () => {
    expect(isCrossSiteRequest(req({ origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSiteRequest(req({ origin: "https://evil.example", "sec-fetch-site": "same-origin" }))).toBe(
      true,
    );
    expect(isCrossSiteRequest(req({ origin: `https://${HOST}.evil.example` }))).toBe(true);
    expect(isCrossSiteRequest(req({ origin: `https://${HOST}:8443` }))).toBe(true);
  });

  it("refuses opaque and malformed origins", () => {
    expect(isCrossSiteRequest(req({ origin: "null" }))).toBe(true);
    expect(isCrossSiteRequest(req({ origin: "not a url" }))).toBe(true);
  });

  it("refuses a browser that says cross-site even when the Origin looks like ours", () => {
    expect(isCrossSiteRequest(req({ origin: `https://${HOST}`, "sec-fetch-site": "cross-site" }))).toBe(true);
  });

  it("without Origin, trusts Sec-Fetch-Site, and lets non-browser clients through", () => {
    expect(isCrossSiteRequest(req({ "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSiteRequest(req({ "sec-fetch-site": "same-site" }))).toBe(true);
    expect(isCrossSiteRequest(req({ "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossSiteRequest(req({ "sec-fetch-site": "none" }))).toBe(false);
    expect(isCrossSiteRequest(req({}))).toBe(false);
  });

  it("compares with the host a reverse proxy forwards", () => {
    const proxied = new Headers({ host: "127.0.0.1:3000", "x-forwarded-host": HOST });
    proxied.set("origin", `https://${HOST}`);
    expect(isCrossSiteRequest(proxied)).toBe(false);
  });

  it("accepts the listed origins exactly", () => {
    const internal = (origin: string) => new Headers({ host: "127.0.0.1:3000", origin });
    expect(isCrossSiteRequest(internal(`https://${HOST}`), [`https://${HOST}`])).toBe(false);
    expect(isCrossSiteRequest(internal(`http://${HOST}`), [`https://${HOST}`])).toBe(true);
    expect(
      isCrossSiteRequest(
        new Headers({ host: "x", origin: `https://${HOST}`, "sec-fetch-site": "cross-site" }),
        [`https://${HOST}`],
      ),
    ).toBe(false);
  });
});
