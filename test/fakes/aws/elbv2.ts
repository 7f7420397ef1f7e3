/**
 * Elastic Load Balancing v2 DescribeTargetHealth on the query protocol, as
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTargetHealth.html
 * describes it: targets of the group's InService instances pass "initial" before "healthy".
 */
import { awsError, members, queryOk, tag, type Handler } from "./wire";
import type { FakeAws } from "./state";

const NS = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

export function elbv2(fake: FakeAws, form: URLSearchParams): Handler {
  const op = form.get("Action") ?? "";
  const apply = () => {
    if (op !== "DescribeTargetHealth") throw awsError("query", 400, "InvalidAction", `Unknown action ${op}`);
    const arn = form.get("TargetGroupArn") ?? "";
    const tg = fake.targetGroups.get(arn);
    if (!tg) throw awsError("query", 400, "TargetGroupNotFound", `Target groups '${arn}' not found`);
    const g = fake.groups.get(tg.group);
    const registered = g?.inService ?? 0;
    if (tg.healthLag > 0) tg.healthLag--;
    const xml = Array.from({ length: registered }, (_, i) => {
      const state = i < tg.unhealthy ? "unhealthy" : tg.healthLag > 0 ? "initial" : "healthy";
      return (
        `<Target>${tag("Id", `i-${tg.group.slice(10, 14)}${String(i).padStart(13, "0")}`)}${tag("Port", 80)}</Target>` +
        tag("HealthCheckPort", "80") +
        `<TargetHealth>${tag("State", state)}${state === "unhealthy" ? tag("Reason", "Target.FailedHealthChecks") : ""}</TargetHealth>`
      );
    });
    return queryOk(op, NS, `<TargetHealthDescriptions>${members(xml)}</TargetHealthDescriptions>`);
  };
  return { op, action: `elasticloadbalancing:${op}`, protocol: "query", apply };
}
