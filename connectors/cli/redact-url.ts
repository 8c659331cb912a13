// A database URL as it may be printed: the password, if any, is replaced.
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    // A plain file path, not a URL.
    return url;
  }
}
