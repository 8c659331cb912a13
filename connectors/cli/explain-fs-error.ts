// A file-system error the user caused (a path that does not exist, a folder where a file belongs, a
// file they may not read) as one line naming the path, so that no such mistake ends in a stack trace.

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'it is a folder, expected a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EEXIST: 'it already exists',
  ENAMETOOLONG: 'the name is too long',
};

const VERBS: Readonly<Record<string, string>> = { open: 'open', read: 'read', write: 'write', scandir: 'list', stat: 'read', lstat: 'read', mkdir: 'create', unlink: 'remove', rename: 'rename' };

/** The message for an fs error with a path and a known code, or undefined for anything else (a bug). */
export function explainFsError(error: unknown): string | undefined {
  const e = error as NodeJS.ErrnoException | null;
  if (e === null || typeof e !== 'object' || typeof e.path !== 'string' || typeof e.code !== 'string') return undefined;
  const reason = REASONS[e.code];
  if (reason === undefined) return undefined;
  const verb = (e.syscall && VERBS[e.syscall]) ?? 'use';
  return `cannot ${verb} ${e.path}: ${reason}`;
}
