// Publish times as Chinese platforms show them ("刚刚", "5分钟前", "昨天 08:00", "11-20", "2025年11月20日"),
// normalised to UTC. Relative and year-less forms are read against the capture time in Asia/Shanghai
// (UTC+8 all year: China has had no daylight saving time since 1991), which is how the sites render them.

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Wall-clock fields in Shanghai. */
interface Wall {
  y: number;
  mo: number; // 1-12
  d: number;
  h: number;
  mi: number;
  s: number;
}

function shanghaiWall(now: Date): Wall {
  const t = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  return {
    y: t.getUTCFullYear(),
    mo: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: t.getUTCHours(),
    mi: t.getUTCMinutes(),
    s: t.getUTCSeconds(),
  };
}

/** UTC instant of a Shanghai wall-clock time, or undefined when the fields do not make a real date. */
function fromWall(w: Wall): Date | undefined {
  if (w.mo < 1 || w.mo > 12 || w.d < 1 || w.d > 31 || w.h > 23 || w.mi > 59 || w.s > 60) return undefined;
  const ms = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, Math.min(w.s, 59)) - SHANGHAI_OFFSET_MS;
  const back = new Date(ms + SHANGHAI_OFFSET_MS);
  // 2月30日 would roll over into March: not a date.
  if (back.getUTCMonth() + 1 !== w.mo || back.getUTCDate() !== w.d) return undefined;
  return new Date(ms);
}

const FULLWIDTH = /[０-９：／－]/g;

/** What sites put around the time: "发布于", "编辑于", "发布时间：", "· IP 属地北京", "来自 iPhone". */
function clean(text: string): string {
  return text
    .replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, ' ')
    .replace(/^(?:发布于|编辑于|发表于|修改于|更新于|创建于|发布时间|发布|编辑|发表|投稿时间|首发于)\s*[:：]?\s*/u, '')
    .trim();
}

const UNIT_MS: Record<string, number> = {
  秒: 1000,
  秒钟: 1000,
  分: MINUTE,
  分钟: MINUTE,
  小时: HOUR,
  个小时: HOUR,
  钟头: HOUR,
  天: DAY,
  日: DAY,
  周: 7 * DAY,
  星期: 7 * DAY,
  个星期: 7 * DAY,
};

/**
 * Parses a publish time as shown on the page. `now` is the capture time. Returns an ISO 8601 UTC string,
 * or undefined when the text holds no time that can be placed exactly (e.g. "3个月前", "很久以前").
 */
export function parsePublishedTime(shown: string, now: Date): string | undefined {
  const date = parseToDate(shown, now);
  return date ? date.toISOString() : undefined;
}

function parseToDate(shown: string, now: Date): Date | undefined {
  if (typeof shown !== 'string' || shown.length > 200 || Number.isNaN(now.getTime())) return undefined;
  const text = clean(shown);
  if (!text) return undefined;
  const today = shanghaiWall(now);
  let m: RegExpExecArray | null;

  if (/^刚刚|^刚才|^just now/i.test(text)) return new Date(now.getTime());

  // "5分钟前", "2 小时前", "半小时前", "3天前"
  if ((m = /^(\d{1,4}|半)\s*(秒钟|秒|分钟|分|个小时|小时|钟头|天|日|个星期|星期|周)\s*前/u.exec(text))) {
    const n = m[1] === '半' ? 0.5 : Number(m[1]);
    return new Date(now.getTime() - n * UNIT_MS[m[2]!]!);
  }

  // ISO 8601 with an explicit zone, as in <time datetime> or <meta itemprop="dateCreated">.
  if ((m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/i.exec(text))) {
    const t = Date.parse(text.replace(' ', 'T').replace(/\s+(?=[Zz+-][^T]*$)/, '').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(t) ? undefined : new Date(t);
  }

  // Unix time in seconds or milliseconds (data attributes).
  if ((m = /^(\d{10}|\d{13})$/.exec(text))) {
    const n = Number(m[1]);
    return new Date(m[1]!.length === 10 ? n * 1000 : n);
  }

  const clock = (rest: string | undefined): { h: number; mi: number; s: number } | undefined | null => {
    // null: no clock given; undefined: a malformed clock.
    const r = (rest ?? '').trim();
    if (!r) return null;
    const c = /^(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?/.exec(r);
    if (!c) return null;
    return { h: Number(c[1]), mi: Number(c[2]), s: Number(c[3] ?? 0) };
  };

  // "今天 12:30", "昨天 08:00", "前天 23:59", "昨天"
  if ((m = /^(今天|昨天|前天)\s*(.*)$/u.exec(text))) {
    const back = m[1] === '今天' ? 0 : m[1] === '昨天' ? 1 : 2;
    const c = clock(m[2]);
    if (c === undefined) return undefined;
    const day = shanghaiWall(new Date(now.getTime() - back * DAY));
    return fromWall({ y: day.y, mo: day.mo, d: day.d, h: c?.h ?? 0, mi: c?.mi ?? 0, s: c?.s ?? 0 });
  }

  // "2025-11-20 08:00[:00]", "2025/11/20", "2025.11.20", "2025年11月20日 08:00", "25-11-20 08:00" (Weibo comments)
  if ((m = /^(\d{4}|\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*(.*)$/u.exec(text))) {
    const y = m[1]!.length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
    const c = clock(m[4]);
    return fromWall({ y, mo: Number(m[2]), d: Number(m[3]), h: c?.h ?? 0, mi: c?.mi ?? 0, s: c?.s ?? 0 });
  }

  // "11-20", "11-20 08:00", "11月20日", "11月20日 08:00" — this year, or last year if that would be in the future.
  if ((m = /^(\d{1,2})\s*[-/月]\s*(\d{1,2})\s*日?\s*(.*)$/u.exec(text))) {
    const c = clock(m[3]);
    const fields = { mo: Number(m[1]), d: Number(m[2]), h: c?.h ?? 0, mi: c?.mi ?? 0, s: c?.s ?? 0 };
    const thisYear = fromWall({ y: today.y, ...fields });
    // A day ahead of now can only be last year's date (sites drop the year for the current year only).
    if (thisYear && thisYear.getTime() > now.getTime() + DAY) return fromWall({ y: today.y - 1, ...fields });
    if (thisYear) return thisYear;
    return fromWall({ y: today.y - 1, ...fields }); // 2月29日 in a non-leap year
  }

  // "12:30" alone: today.
  if ((m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text))) {
    return fromWall({ y: today.y, mo: today.mo, d: today.d, h: Number(m[1]), mi: Number(m[2]), s: Number(m[3] ?? 0) });
  }
  return undefined;
}
