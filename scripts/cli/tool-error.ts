/** An expected failure of a command-line tool: one line for the user and an exit code. */
export class ToolError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "ToolError";
  }
}
