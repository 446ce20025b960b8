// Bilibili video ids: the "BV" id in URLs and the numeric "av" id (aid) its APIs and its appeal form
// (`/appeal/?avid=`) use. The mapping is a fixed base-58 permutation with an XOR mask (the 2024 scheme,
// which covers aids beyond 2^30), as documented by the bilibili-API-collect project.
const XOR_CODE = 23442827791579n;
const MASK_CODE = 2251799813685247n;
const MAX_AID = 1n << 51n;
const BASE = 58n;
const DATA = 'FcwAPNKTMug3GV5Lj7EJnHpWsx4tb8haYeviqBz6rkCy12mUSDQX9RdoZf';

export function bvidToAid(bvid: string): string | undefined {
  if (!/^BV1[1-9A-HJ-NP-Za-km-z]{9}$/.test(bvid)) return undefined;
  const chars = Array.from(bvid);
  [chars[3], chars[9]] = [chars[9]!, chars[3]!];
  [chars[4], chars[7]] = [chars[7]!, chars[4]!];
  let n = 0n;
  for (const c of chars.slice(3)) n = n * BASE + BigInt(DATA.indexOf(c));
  const aid = (n & MASK_CODE) ^ XOR_CODE;
  return aid > 0n ? aid.toString() : undefined;
}

export function aidToBvid(aid: string): string | undefined {
  if (!/^\d{1,16}$/.test(aid)) return undefined;
  const out = ['B', 'V', '1', '0', '0', '0', '0', '0', '0', '0', '0', '0'];
  let i = out.length - 1;
  let n = (MAX_AID | BigInt(aid)) ^ XOR_CODE;
  while (n > 0n && i >= 3) {
    out[i] = DATA[Number(n % BASE)]!;
    n /= BASE;
    i--;
  }
  [out[3], out[9]] = [out[9]!, out[3]!];
  [out[4], out[7]] = [out[7]!, out[4]!];
  return out.join('');
}
