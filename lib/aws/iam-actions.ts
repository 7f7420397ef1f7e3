/**
 * Every AWS API action the automation steps may call, in one place: docs/AWS.md's policy
 * lists exactly these (test/aws-policy-doc.test.ts), and the strict fake refuses any other
 * with AccessDenied, so a step that starts calling something new fails its tests until the
 * policy, the doc and this list agree.
 */
export const IAM_ACTIONS = [
  "cloudformation:DescribeStacks",
  "cloudformation:DescribeStackEvents",
  "cloudformation:UpdateStack",
  "autoscaling:DescribeAutoScalingGroups",
  "autoscaling:DescribeScalingActivities",
  "autoscaling:UpdateAutoScalingGroup",
  "elasticloadbalancing:DescribeTargetHealth",
  "backup:StartBackupJob",
  "backup:DescribeBackupJob",
  "backup:ListBackupJobs",
  "backup:ListTags",
  "backup:DescribeRecoveryPoint",
  "iam:PassRole",
  "route53:ListResourceRecordSets",
  "route53:ChangeResourceRecordSets",
  "route53:GetChange",
] as const;

export type IamAction = (typeof IAM_ACTIONS)[number];
