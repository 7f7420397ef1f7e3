import { expect, type Page } from "@playwright/test";
import { itemRow } from "./runs";
import { E2E_AWS_PORT } from "./ports";
import { BLUE_STACK_ID } from "../../test/fakes/aws";

export type FakeAwsState = {
  calls: Record<string, number>;
  applied: Record<string, number>;
  backupJobs: { id: string; state: string; input: Record<string, unknown> }[];
  stacks: { id: string; status: string; parameters: Record<string, string> }[];
  groups: { name: string; desired: number; inService: number }[];
  /** Alias targets by "name TYPE", e.g. "andromeda.abccompany.com A". */
  records: Record<string, string>;
  denied: string[];
};

/** What the fake AWS endpoint has been asked and what it holds now. */
export async function fakeAwsState(page: Page): Promise<FakeAwsState> {
  const res = await page.request.get(`http://127.0.0.1:${E2E_AWS_PORT}/_fake/state`);
  return res.json();
}

/** Puts the shared fake back to the seeded infrastructure (Green live, Blue small) before a spec's promotion. */
export async function resetFakeAws(page: Page) {
  await page.request.post(`http://127.0.0.1:${E2E_AWS_PORT}/_fake/reset`);
}

/** Sets the post-cutover harness's next verdict. */
export async function setPostCutoverVerdict(page: Page, passed: boolean) {
  await page.request.post(`http://127.0.0.1:${E2E_AWS_PORT}/_fake/tests`, { data: { passed } });
}

/** Confirms a step by typing the Blue stack's ID and waits for its outcome on the page. */
export async function runAwsStep(
  page: Page,
  section: string,
  path: string,
  button: string,
  outcome: "succeeded" | "failed" = "succeeded",
) {
  const row = itemRow(page, section, path);
  await row.getByRole("button", { name: `${button}…` }).click();
  await row.getByLabel("Blue stack ID").fill(BLUE_STACK_ID);
  await row.getByRole("button", { name: button, exact: true }).click();
  await expect(row.getByTestId("automation-status").first()).toHaveAttribute("data-status", outcome, {
    timeout: 60_000,
  });
  await expect(row.getByTestId("tick-evidence").first()).toContainText("elapsed");
  return row;
}

/** Previews an announcement, sends it to every channel and waits until each channel item ticks itself. */
export async function sendAnnouncement(page: Page, section: string, path: string, channelPaths: string[]) {
  const parent = itemRow(page, section, path);
  await parent.getByRole("button", { name: "Preview & send" }).click();
  await parent.getByTestId("notify-preview").getByRole("button", { name: "Send all" }).click();
  for (const [n, channel] of ["email", "slack", "statuspage"].entries()) {
    const row = itemRow(page, section, channelPaths[n]!);
    await expect(row.getByTestId(`delivery-${channel}`)).toHaveAttribute("data-status", "delivered", {
      timeout: 20_000,
    });
    await expect(row).toHaveAttribute("data-state", "done");
    await expect(row).toContainText("Delivered by the integration:");
  }
}
