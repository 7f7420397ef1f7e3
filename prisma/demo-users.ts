/** The demo workspace's people (README.md lists them); no imports, so start-up scripts can read it. */
export const DEMO_PASSWORD = "runsheet-demo-password";
export const DEMO_USERS = [
  { email: "ada@runsheet.local", name: "Ada Admin", handle: "ada", role: "admin" },
  { email: "olivia@runsheet.local", name: "Olivia Operator", handle: "olivia", role: "operator" },
  { email: "omar@runsheet.local", name: "Omar Operator", handle: "omar", role: "operator" },
  { email: "audrey@runsheet.local", name: "Audrey Auditor", handle: "audrey", role: "auditor" },
  { email: "sam@runsheet.local", name: "Sam Subscriber", handle: "sam", role: "subscriber" },
] as const;
