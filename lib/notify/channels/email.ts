import "server-only";
import { sendMail, SMTP_NOT_CONFIGURED } from "@/lib/notify/mailer";
import { DeliveryError, type Delivered } from "@/lib/notify/channels/delivery-error";
import type { EmailConfig } from "@/lib/notify/target-config";

export async function deliverEmail(
  config: EmailConfig,
  mail: { subject: string; text: string; html: string },
): Promise<Delivered> {
  try {
    // Addresses are validated when saved, so a plain comma list cannot be misread.
    const sent = await sendMail({ to: config.addresses.join(", "), ...mail });
    const accepted = config.addresses.length - sent.rejected.length;
    const reasonOf = (address: string) =>
      sent.refusals.find((r) => r.address === address)?.reason ?? "refused";
    const refused = sent.rejected.map((address) => ({ address, reason: reasonOf(address) }));
    return {
      summary:
        `Email accepted by the mail server for ${accepted} of ${config.addresses.length} address(es), message id ${sent.messageId}` +
        (refused.length ? `; refused: ${refused.map((r) => `${r.address} (${r.reason})`).join(", ")}` : ""),
      response: { messageId: sent.messageId, response: sent.response, rejected: sent.rejected, refused },
      // Not everyone got it: the evidence says who did not, and the item is not ticked as delivered.
      partial: refused.length > 0,
    };
  } catch (err) {
    if (err instanceof Error && err.message === SMTP_NOT_CONFIGURED)
      throw new DeliveryError("SMTP_URL is not set: this server sends no email.", { permanent: true });
    const code = (err as { responseCode?: number }).responseCode;
    const message = `The mail server refused the message: ${err instanceof Error ? err.message : String(err)}`;
    // 5xx is the server's final word; 4xx and lost connections may pass next time.
    throw new DeliveryError(message, { permanent: typeof code === "number" && code >= 500 });
  }
}
