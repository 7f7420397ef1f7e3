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
    return {
      summary:
        `Email accepted by the mail server for ${accepted} of ${config.addresses.length} address(es), message id ${sent.messageId}` +
        (sent.rejected.length ? `; refused: ${sent.rejected.join(", ")}` : ""),
      response: { messageId: sent.messageId, response: sent.response, rejected: sent.rejected },
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
