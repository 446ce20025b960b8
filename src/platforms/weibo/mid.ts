// Weibo shows a post's id in two forms: the numeric mid (4999123456789012, used by its APIs and its report
// form `rid=`) and the base-62 "bid" in permalinks (weibo.com/<uid>/Nabc1DEFg). The mid is cut into
// 7-digit groups from the right, each written as 4 base-62 digits (the first group unpadded).
const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function bidToMid(bid: string): string | undefined {
  if (!/^[0-9a-zA-Z]{1,16}$/.test(bid)) return undefined;
  const groups: string[] = [];
  for (let end = bid.length; end > 0; end -= 4) {
    const chunk = bid.slice(Math.max(0, end - 4), end);
    let n = 0;
    for (const c of chunk) n = n * 62 + ALPHABET.indexOf(c);
    const digits = String(n);
    if (end - 4 > 0 && digits.length > 7) return undefined;
    groups.unshift(end - 4 > 0 ? digits.padStart(7, '0') : digits);
  }
  const mid = groups.join('').replace(/^0+(?=\d)/, '');
  return mid;
}

export function midToBid(mid: string): string | undefined {
  if (!/^\d{1,28}$/.test(mid)) return undefined;
  const groups: string[] = [];
  for (let end = mid.length; end > 0; end -= 7) {
    let n = Number(mid.slice(Math.max(0, end - 7), end));
    let s = '';
    do {
      s = ALPHABET[n % 62]! + s;
      n = Math.floor(n / 62);
    } while (n > 0);
    groups.unshift(end - 7 > 0 ? s.padStart(4, '0') : s);
  }
  return groups.join('');
}
