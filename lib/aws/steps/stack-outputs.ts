import { DescribeStacksCommand, type Stack } from "@aws-sdk/client-cloudformation";
import type { AwsClients } from "@/lib/aws/clients";

export async function describeStack(clients: AwsClients, stackName: string): Promise<Stack> {
  const out = await clients.cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
  const stack = out.Stacks?.[0];
  if (!stack) throw new Error(`CloudFormation does not know the stack ${stackName}.`);
  return stack;
}

export function outputOf(stack: Stack, key: string): string {
  const value = stack.Outputs?.find((o) => o.OutputKey === key)?.OutputValue;
  if (!value) throw new Error(`The stack ${stack.StackName} has no output ${key}.`);
  return value;
}
