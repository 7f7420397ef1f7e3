import "server-only";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { checkAwsConfig } from "@/lib/aws/config";

/** The AWS part of the integrations settings page: checked each time the page opens. */
export async function awsSettingsStatus({ actor }: { actor: Actor | null }) {
  requirePermission(actor, "integrations.admin");
  return checkAwsConfig();
}
