import { describe, expect, it } from "vitest";
import { formatDate, formatExportTime, formatTime, formatUtc } from "@/lib/format/time";
import { formatFieldValue } from "@/lib/format/field-value";
import { fieldTokenValues } from "@/lib/format/field-tokens";

const at = "2026-11-30T15:00:00.000Z";

describe("formatTime", () => {
  it("names the zone", () => {
    expect(formatTime(at, { timeZone: "Europe/London" })).toBe("Mon 30 Nov, 15:00 GMT");
    expect(formatTime(at, { timeZone: "UTC" })).toBe("Mon 30 Nov, 15:00 UTC");
  });

  it("moves to the viewer's day and says where", () => {
    expect(formatTime(at, { timeZone: "Asia/Tokyo" })).toBe("Tue 1 Dec, 00:00 GMT+9");
    expect(formatTime(at, { timeZone: "America/New_York", withSeconds: true })).toBe(
      "Mon 30 Nov, 10:00:00 GMT-5",
    );
  });

  it("adds the year when asked", () => {
    expect(formatTime(at, { timeZone: "UTC", withYear: true })).toBe("Mon 30 Nov 2026, 15:00 UTC");
  });
});

describe("UTC and export forms", () => {
  it("hover text is UTC", () => expect(formatUtc(at)).toBe("2026-11-30 15:00:00 UTC"));
  it("exports carry the offset", () => expect(formatExportTime(at)).toBe("2026-11-30T15:00:00+00:00"));
  it("a date is the same day everywhere", () => expect(formatDate("2026-12-01")).toBe("Tue 1 Dec 2026"));
});

describe("formatFieldValue", () => {
  it("reads the value through its type", () => {
    expect(formatFieldValue({ type: "datetime" }, at, { timeZone: "Europe/London" })).toBe(
      "Mon 30 Nov, 15:00 GMT",
    );
    expect(formatFieldValue({ type: "date" }, "2026-12-01")).toBe("Tue 1 Dec 2026");
    expect(formatFieldValue({ type: "version" }, "4.3")).toBe("4.3");
    expect(formatFieldValue({ type: "text" }, "")).toBeNull();
  });
});

describe("fieldTokenValues", () => {
  const defs = [
    { key: "maintenanceWindowDateTime", label: "Maintenance window", type: "datetime" as const },
    { key: "changesetVersion", label: "Changeset Version", type: "version" as const },
  ];

  it("fills every placeholder: a recorded time in UTC with offset for exports, a missing one as its label", () => {
    expect(fieldTokenValues(defs, { maintenanceWindowDateTime: at }, { forExport: true })).toMatchObject({
      maintenanceWindowDateTime: "2026-11-30T15:00:00+00:00",
      changesetVersion: "‹Changeset Version›",
    });
  });

  it("shows a time on screen in the zone asked for, named", () => {
    expect(
      fieldTokenValues(defs, { maintenanceWindowDateTime: at, changesetVersion: "4.3" }, { timeZone: "UTC" }),
    ).toMatchObject({ maintenanceWindowDateTime: "Mon 30 Nov, 15:00 UTC", changesetVersion: "4.3" });
  });
});
