// How a long-running job (a backfill) reports how far it got. Here rather than beside the terminal
// progress bar so that an adapter can accept one without importing the CLI that draws it.

export interface Progress {
  tick(count: number): void;
  done(): void;
}
