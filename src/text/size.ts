// Sizes as the editor reads them in messages.

/** "5000 bytes", "12.4 MB", "10 MB". */
export function sizeText(n: number): string {
  return n < 1 << 20 ? `${n} bytes` : `${(n / (1 << 20)).toFixed(1).replace(/\.0$/, '')} MB`;
}
