// Why a proposal cannot be made: a typed error whose message an agent can act on. Refusals are
// input errors (zero hours, no rate, a currency not configured), not I/O failures.
export type ProposalErrorCode = 'not-advisory' | 'none' | 'hours' | 'rate' | 'currency' | 'vat' | 'version' | 'template';

export class ProposalError extends Error {
  override readonly name = 'ProposalError';
  readonly code: ProposalErrorCode;
  /** The template file at fault, for `template` errors. */
  readonly file?: string;

  constructor(code: ProposalErrorCode, message: string, options?: { file?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options?.file !== undefined) this.file = options.file;
  }
}

export function isProposalError(error: unknown): error is ProposalError {
  return error instanceof ProposalError;
}
