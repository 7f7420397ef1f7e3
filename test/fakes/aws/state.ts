/** What the fake AWS holds: stacks, groups, target groups, backup jobs, DNS records. */

export const FAKE_ACCOUNT = "123456789012";
export const BLUE_STACK_ID = `arn:aws:cloudformation:us-east-1:${FAKE_ACCOUNT}:stack/andromeda-blue/0b5e1a1e-0000-4000-8000-000000000001`;
export const GREEN_STACK_ID = `arn:aws:cloudformation:us-east-1:${FAKE_ACCOUNT}:stack/andromeda-green/0b5e1a1e-0000-4000-8000-000000000002`;
export const BLUE_LB_DNS = "andromeda-blue-lb-1234567890.us-east-1.elb.amazonaws.com";
export const GREEN_LB_DNS = "andromeda-green-lb-0987654321.us-east-1.elb.amazonaws.com";
export const LB_ZONE_ID = "Z35SXDOTRQ7X7K";
export const HOSTED_ZONE_ID = "Z0FAKEHOSTEDZONE";
export const RECORD_NAME = "andromeda.abccompany.com";
export const BACKUP_ROLE_ARN = `arn:aws:iam::${FAKE_ACCOUNT}:role/backup-role`;
export const BACKUP_VAULT = "production-vault";
export const BACKUP_RESOURCE_ARN = `arn:aws:rds:us-east-1:${FAKE_ACCOUNT}:db:andromeda-production`;
export const targetGroupArn = (color: "blue" | "green") =>
  `arn:aws:elasticloadbalancing:us-east-1:${FAKE_ACCOUNT}:targetgroup/andromeda-${color}-tg/0123456789abcdef`;

export type Fault = {
  type: "500" | "throttle" | "timeout";
  /** How many calls of the operation fail this way; 1 unless given. */
  times?: number;
  /** The call takes effect before its answer is lost, as when a response goes missing. */
  afterApply?: boolean;
};

export type StackEvent = {
  id: string;
  at: Date;
  logicalResourceId: string;
  resourceType: string;
  status: string;
  reason?: string;
  token?: string;
};

export type StackOutcome = "UPDATE_COMPLETE" | "UPDATE_ROLLBACK_COMPLETE" | "UPDATE_ROLLBACK_FAILED";

export type FakeStack = {
  id: string;
  name: string;
  status: string;
  parameters: Record<string, string>;
  outputs: Record<string, string>;
  /** What the template needs acknowledged; UpdateStack refuses without them. */
  capabilities: string[];
  events: StackEvent[];
  /** DescribeStacks calls left before the current stage of an update ends. */
  pollsLeft: number;
  /** DescribeStacks calls that still show the status from before the last UpdateStack (eventual consistency). */
  staleDescribes: number;
  statusBeforeUpdate: string;
  /** How the next update ends. */
  outcome: StackOutcome;
  /** Tokens of the operations started on this stack, in order. */
  tokens: string[];
};

export type FakeActivity = {
  id: string;
  group: string;
  at: Date;
  status: "Successful" | "Failed" | "Cancelled" | "InProgress";
  description: string;
  cause: string;
  message?: string;
};

export type FakeGroup = {
  name: string;
  min: number;
  max: number;
  desired: number;
  inService: number;
  targetGroupArns: string[];
  /** Launches fail (a bad launch template, no capacity): a Failed activity, no new instance. */
  launchFailure?: string;
};

export type FakeTargetGroup = {
  arn: string;
  group: string;
  /** Targets stay "initial" for this many describes after their instance is InService. */
  healthLag: number;
  /** Instances reported unhealthy whatever the group says. */
  unhealthy: number;
};

export type FakeRecordSet = {
  name: string;
  type: string;
  setIdentifier?: string;
  weight?: number;
  region?: string;
  failover?: string;
  alias?: { hostedZoneId: string; dnsName: string; evaluateTargetHealth: boolean };
  ttl?: number;
  values?: string[];
};

export type FakeBackupJob = {
  id: string;
  state: string;
  polls: number;
  createdAt: Date;
  input: Record<string, unknown>;
  recoveryPointArn: string;
  statusMessage?: string;
};

export type FakeAws = {
  url: string;
  /** Requests received per operation, failed ones included. */
  calls: Record<string, number>;
  /** Calls that changed something (an idempotent repeat does not). */
  applied: Record<string, number>;
  /** Operations refused because the policy does not allow them. */
  denied: string[];
  stacks: Map<string, FakeStack>;
  groups: Map<string, FakeGroup>;
  activities: FakeActivity[];
  targetGroups: Map<string, FakeTargetGroup>;
  backupJobs: Map<string, FakeBackupJob>;
  recoveryPointTags: Map<string, Record<string, string>>;
  /** Roles AWS Backup may be passed (iam:PassRole allowed, trusted by backup.amazonaws.com). */
  backupRoles: Set<string>;
  /** Resource types opted in to AWS Backup in this Region (DescribeRegionSettings). */
  optedIn: Set<string>;
  /** How the next backup job ends. */
  backupOutcome: "COMPLETED" | "FAILED";
  changes: Map<string, { id: string; polls: number; submittedAt: Date; body: string }>;
  recordSets: FakeRecordSet[];
  tests: {
    /** "sync": 200 with the verdict; "async": 202 + a status URL, the verdict after `polls` GETs. */
    mode: "sync" | "async";
    status: number;
    passed: boolean;
    polls: number;
    bodies: unknown[];
  };
  /** Polls a job, stack update, scale-up or DNS change takes to finish. */
  pollsToComplete: number;
  fail: (operation: string, fault: Fault) => void;
  stack: (nameOrId: string) => FakeStack;
  /** The alias target of a simple record (A unless given), or undefined. */
  aliasOf: (name: string, type?: string) => string | undefined;
  close: () => Promise<void>;
};

export const normalName = (name: string) => name.toLowerCase().replace(/\.$/, "");
