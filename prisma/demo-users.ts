/** The demo workspace's people (README.md lists them); no imports, so start-up scripts can read it. */
export const DEMO_PASSWORD = "runsheet-demo-password";

/** The demo's teams: the default team becomes the platform team; payments is a second one. */
export const DEMO_TEAMS = {
  platform: { slug: "platform", name: "Andromeda platform" },
  payments: { slug: "payments", name: "Payments" },
} as const;

/**
 * `team` is where an operator or subscriber holds the role (the platform team when not
 * given); `alsoIn` gives a role in another team, so that one person can be an operator in
 * one team and a subscriber or a team-limited auditor in another.
 */
export const DEMO_USERS = [
  { email: "ada@runsheet.local", name: "Ada Admin", handle: "ada", role: "admin" },
  { email: "olivia@runsheet.local", name: "Olivia Operator", handle: "olivia", role: "operator" },
  {
    email: "omar@runsheet.local",
    name: "Omar Operator",
    handle: "omar",
    role: "operator",
    alsoIn: { team: "payments", role: "subscriber" },
  },
  { email: "audrey@runsheet.local", name: "Audrey Auditor", handle: "audrey", role: "auditor" },
  { email: "sam@runsheet.local", name: "Sam Subscriber", handle: "sam", role: "subscriber" },
  {
    email: "priya@runsheet.local",
    name: "Priya Payments",
    handle: "priya",
    role: "operator",
    team: "payments",
  },
  { email: "paul@runsheet.local", name: "Paul Payments", handle: "paul", role: "operator", team: "payments" },
  {
    email: "fiona@runsheet.local",
    name: "Fiona Finance",
    handle: "fiona",
    role: "subscriber",
    team: "payments",
    alsoIn: { team: "payments", role: "auditor" },
  },
] as const;
