import { describe, expect, it } from "vitest";
import { asBusy } from "@/lib/db/busy";
import { BusyError, NotFoundError } from "@/lib/errors";

const full = { totalCount: 10, options: { max: 10 } };
const half = { totalCount: 4, options: { max: 10 } };
const poolWait = new Error("timeout exceeded when trying to connect");

describe("asBusy", () => {
  it("names a lock that was not granted, a cancelled statement and a transaction out of time", () => {
    expect(asBusy(Object.assign(new Error("x"), { code: "55P03" }))?.message).toMatch(/lock/);
    expect(asBusy({ cause: { code: "57014" } })?.message).toMatch(/statement/);
    expect(asBusy({ meta: { driverAdapterError: { code: "P2028" } } })).toBeInstanceOf(BusyError);
    expect(asBusy(Object.assign(new Error("x"), { code: "P2028" }))?.code).toBe("busy");
  });

  it("calls a wait for a connection busy only while every pooled connection is open", () => {
    expect(asBusy(poolWait, full)?.message).toMatch(/free database connection/);
    // With connections to spare, the same words mean the database did not answer a connect.
    expect(asBusy(poolWait, half)).toBeNull();
    expect(asBusy(poolWait)).toBeNull();
  });

  it("leaves every other error alone", () => {
    expect(asBusy(new NotFoundError("no"))).toBeNull();
    expect(asBusy(Object.assign(new Error("dup"), { code: "23505" }))).toBeNull();
    expect(asBusy(null)).toBeNull();
  });
});
