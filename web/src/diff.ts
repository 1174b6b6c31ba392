// A word-level diff for reviewing translations: CJK text compares character by character,
// other scripts word by word.

export type Part = { kind: 'same' | 'added' | 'removed'; text: string };

export function tokens(s: string): string[] {
  return s.match(/\s+|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}_'’-]+|[^\s\p{L}\p{N}]/gu) ?? [];
}

export function diffWords(before: string, after: string): Part[] {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length * b.length > 400_000) return [{ kind: 'removed', text: before }, { kind: 'added', text: after }];
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: Part[] = [];
  const push = (kind: Part['kind'], text: string) => {
    const last = out.at(-1);
    if (last && last.kind === kind) last.text += text;
    else out.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) push('removed', a[i++]!);
    else push('added', b[j++]!);
  }
  while (i < a.length) push('removed', a[i++]!);
  while (j < b.length) push('added', b[j++]!);
  // Mostly rewritten: word soup helps nobody; show the old text, then the new.
  const same = out.filter((p) => p.kind === 'same' && p.text.trim()).reduce((n, p) => n + p.text.length, 0);
  if (same < 0.4 * Math.max(before.length, after.length)) return [...(before ? [{ kind: 'removed' as const, text: before }] : []), ...(after ? [{ kind: 'added' as const, text: after }] : [])];
  return out;
}
