import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/security/safe-redirect";

const ORIGIN = "http://localhost:3000";

describe("safeCallbackPath", () => {
  it.each([
    ["/runs/1", "/runs/1"],
    ["/runs?status=open#top", "/runs?status=open#top"],
    [`${ORIGIN}/promotions`, "/promotions"],
    ["runs/1", "/runs/1"],
    ["/%2F%2Fevil.example/", "/%2F%2Fevil.example/"],
  ])("keeps the same-origin path %j", (input, expected) => {
    expect(safeCallbackPath(input, ORIGIN)).toBe(expected);
  });

  it.each([
    ["tab", "/\t/evil.example/"],
    ["line feed", "/\n/evil.example/"],
    ["carriage return", "/\r/evil.example/"],
    ["tab and newline", "\t/\r\n/evil.example"],
    ["backslash", "/\\evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["scheme-relative", "//evil.example/x"],
    ["absolute", "https://evil.example/"],
    ["absolute, other port", "http://localhost:3001/"],
    ["javascript:", "javascript:alert(1)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["user info", "http://localhost:3000@evil.example/"],
    ["unparseable", "http://[::1"],
  ])("sends %s elsewhere to / ", (_what, input) => {
    expect(safeCallbackPath(input, ORIGIN)).toBe("/");
  });

  it("never returns a path a browser could read as another host", () => {
    // Same origin, but the path starts with "//": returned with one slash.
    expect(safeCallbackPath(`${ORIGIN}//evil.example/x`, ORIGIN)).toBe("/evil.example/x");
    expect(safeCallbackPath("/%09/evil.example/", ORIGIN)).toBe("/%09/evil.example/");
  });

  it("decodes nothing: the percent-encoded tab of the probe arrives decoded from searchParams", () => {
    // `/signin?callbackUrl=/%09/evil.example/` gives the page "/\t/evil.example/".
    const fromQuery = new URLSearchParams("callbackUrl=/%09/evil.example/").get("callbackUrl");
    expect(safeCallbackPath(fromQuery, ORIGIN)).toBe("/");
  });

  it("treats an empty or missing value as /", () => {
    expect(safeCallbackPath(null, ORIGIN)).toBe("/");
    expect(safeCallbackPath("", ORIGIN)).toBe("/");
  });
});
