// The one error the build and package scripts turn into a message instead of a stack trace: the
// administrator's mistake (no connector URL, no build yet), not a bug.

export class BuildError extends Error {
  override readonly name = 'BuildError';
}

/**
 * Runs a script's main part: a BuildError prints `script: message` and exits 1; anything else is a
 * bug and keeps its stack.
 */
export async function runScript(script: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    process.stderr.write(`${script}: ${error.message}\n`);
    process.exitCode = 1;
  }
}
