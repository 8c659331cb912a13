// The error for a bad environment variable, one problem per line. Here, below the server, because
// both read-settings.ts and the Forge settings in connectors/http throw it, and `inscope serve`
// reports any of them the same way (exit code, no stack).

export class SettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid environment:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}
