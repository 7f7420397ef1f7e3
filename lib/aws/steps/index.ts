import { AUTOMATION_TYPES } from "@/lib/templates/definition";
import { asgPrescaleStep } from "@/lib/aws/steps/asg-prescale";
import { backoffStep } from "@/lib/aws/steps/backoff";
import { backupStep } from "@/lib/aws/steps/backup";
import { cloudFormationUpdateStep } from "@/lib/aws/steps/cloudformation-update";
import { postCutoverTestsStep } from "@/lib/aws/steps/post-cutover-tests";
import { route53SwitchStep } from "@/lib/aws/steps/route53-switch";
import type { Step } from "@/lib/aws/steps/step";

export type AutomationKind = (typeof AUTOMATION_TYPES)[number];

export const STEPS: Record<AutomationKind, Step> = {
  backup: backupStep,
  cloudformation_update: cloudFormationUpdateStep,
  asg_prescale: asgPrescaleStep,
  route53_switch: route53SwitchStep,
  post_cutover_tests: postCutoverTestsStep,
  backoff: backoffStep,
};

export function isAutomationKind(kind: string | undefined): kind is AutomationKind {
  return !!kind && Object.hasOwn(STEPS, kind);
}
