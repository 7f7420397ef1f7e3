import { expect, test } from "./support/fixtures";
import { withDb } from "./support/db";
import { capturedMail } from "./support/mail-capture";
import { itemRow, openRun } from "./support/runs";
import { opened, record, SEED, tickAllOpen } from "./support/flow";
import { FUTURE_WINDOW } from "../test/change-window";

const PHASE_2 = SEED.p2;

test("an operator previews and sends the commencement announcement; every channel ticks itself with evidence", async ({
  page,
  operator,
  startRun,
}) => {
  const { number, version } = await startRun(operator);
  await openRun(page, number);
  const message = `Changeset ${version} is commencing to the Production environment for the Andromeda system.`;

  // Phase 2 opens once Pre-Flight and Phase 1 are done.
  await record(page, SEED.preflight, "2", FUTURE_WINDOW);
  await tickAllOpen(page, SEED.preflight);
  await opened(page, SEED.p1);
  await tickAllOpen(page, SEED.p1, { outside: true });
  await opened(page, PHASE_2);

  const parent = itemRow(page, PHASE_2, "1");
  await parent.getByRole("button", { name: "Preview & send" }).click();
  const preview = parent.getByTestId("notify-preview");
  await expect(preview.getByTestId("preview-email")).toContainText(
    `Subject: Run #${number}: Promote Changeset v${version} To Production`,
  );
  await expect(preview.getByTestId("preview-email")).toContainText(message);
  await expect(preview.getByTestId("preview-email")).toContainText("To watch@andromeda.example.test");
  await expect(preview.getByTestId("preview-slack")).toContainText(`"text": "${message}`);
  await expect(preview.getByTestId("preview-slack")).toContainText("SLACK_WEBHOOK_ANDROMEDA");
  await expect(preview.getByTestId("preview-statuspage")).toContainText('"status": "identified"');
  await preview.getByRole("button", { name: "Send all" }).click();

  const email = itemRow(page, PHASE_2, "1.1");
  const slack = itemRow(page, PHASE_2, "1.2");
  const status = itemRow(page, PHASE_2, "1.3");
  for (const [row, channel] of [
    [email, "email"],
    [slack, "slack"],
    [status, "statuspage"],
  ] as const) {
    await expect(row.getByTestId(`delivery-${channel}`)).toHaveAttribute("data-status", "delivered", {
      timeout: 20_000,
    });
    await expect(row).toHaveAttribute("data-state", "done");
    await expect(row.getByTestId("tick-evidence")).toContainText(operator.name);
    await expect(row).toContainText("Delivered by the integration:");
  }

  const rows = await withDb(async (c) => {
    const { rows } = await c.query<{ channel: string; provider_response: Record<string, string> }>(
      `SELECT n.channel, n.provider_response FROM notifications n JOIN runs r ON r.id = n.run_id
       WHERE r.number = $1 ORDER BY n.channel`,
      [number],
    );
    return rows;
  });
  expect(rows.map((r) => r.channel)).toEqual(["email", "slack", "statuspage"]);
  const [mailRow, slackRow, pageRow] = rows.map((r) => r.provider_response);
  await expect(email.getByTestId("delivery-evidence")).toContainText(`message id ${mailRow!.messageId}`);
  await expect(email).toContainText(mailRow!.messageId!);
  expect(slackRow).toEqual({ status: 200, body: "ok", targetScope: "workspace" });
  await expect(slack.getByTestId("delivery-evidence")).toContainText('Slack 200 "ok"');
  await expect(slack).toContainText('Slack answered 200 "ok"');
  await expect(status.getByTestId("delivery-evidence")).toContainText(`incident ${pageRow!.incidentId}`);
  await expect(status).toContainText(`Statuspage incident ${pageRow!.incidentId}`);

  const mail = (await capturedMail()).filter((m) => m.text.includes(message));
  expect(mail).toHaveLength(1);
  expect(mail[0]!.to).toEqual(["watch@andromeda.example.test"]);

  // Everything is ticked: the panel offers nothing more to send.
  await expect(parent.getByRole("button", { name: "Preview & send" })).toHaveCount(0);
});
