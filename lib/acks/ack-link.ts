import "server-only";
import { appUrl } from "@/lib/env";

export function ackLinkFor(token: string): string {
  return `${appUrl()}/ack/${token}`;
}
