// JSON parsing as Zendesk's validator does it for manifest.json and requirements.json: a duplicate
// key is an error, not a silent override (zendesk_apps_support lib/zendesk_apps_support/manifest/
// no_override_hash.rb, raised as :duplicate_manifest_keys / :duplicate_requirements).

export type StrictJson = { ok: true; value: unknown } | { ok: false; error: string; duplicates?: string[] };

/** Keys that appear twice in one object of well-formed JSON text. */
export function findDuplicateKeys(text: string): string[] {
  const stack: (Set<string> | null)[] = [];
  const duplicates: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const raw = text.slice(i, j + 1);
      i = j;
      let k = j + 1;
      while (k < text.length && /\s/.test(text[k]!)) k++;
      const top = stack[stack.length - 1];
      if (text[k] === ':' && top) {
        const key = JSON.parse(raw) as string;
        if (top.has(key)) duplicates.push(key);
        top.add(key);
      }
    } else if (c === '{') stack.push(new Set());
    else if (c === '[') stack.push(null);
    else if (c === '}' || c === ']') stack.pop();
  }
  return duplicates;
}

export function parseStrictJson(text: string): StrictJson {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const duplicates = findDuplicateKeys(text);
  return duplicates.length > 0 ? { ok: false, error: `duplicate keys: ${duplicates.join(', ')}`, duplicates } : { ok: true, value };
}
