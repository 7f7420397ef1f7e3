import { describe, expect, it } from "vitest";
import { renderTokens, tokensIn } from "./render-tokens";

describe("renderTokens", () => {
  it("fills known tokens", () => {
    expect(
      renderTokens("Promote Changeset v{{changesetVersion}} To Production", { changesetVersion: "4.3" }),
    ).toBe("Promote Changeset v4.3 To Production");
  });

  it("keeps tokens whose value is unknown, null or empty", () => {
    expect(renderTokens("{{a}} {{b}} {{c}} {{d}}", { a: "", b: null, c: undefined })).toBe(
      "{{a}} {{b}} {{c}} {{d}}",
    );
  });

  it("does not resolve through the object prototype", () => {
    expect(renderTokens("{{constructor}} {{toString}}", {})).toBe("{{constructor}} {{toString}}");
  });

  it("does not expand tokens inside values", () => {
    expect(renderTokens("{{a}}", { a: "{{b}}", b: "x" })).toBe("{{b}}");
  });

  it("replaces every occurrence", () => {
    expect(renderTokens("{{v}} and {{v}}", { v: "1.0" })).toBe("1.0 and 1.0");
  });
});

describe("tokensIn", () => {
  it("lists distinct keys in order", () => {
    expect(tokensIn("{{b}} x {{a}} {{b}}")).toEqual(["b", "a"]);
    expect(tokensIn("no tokens { here }")).toEqual([]);
  });
});
