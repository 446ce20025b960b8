// URLs are cleaned before they are stored: no credentials, no tracking parameters, no token fragments.
// (Google's Suspicious Site Reporter and uBlock Origin's issue reporter do the same before anything leaves.)

const TRACKING_PARAMS = new Set([
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'utm_id',
  'spm',
  'spm_id_from',
  'from_spmid',
  'share_source',
  'share_medium',
  'share_plat',
  'share_session_id',
  'share_tag',
  'share_from',
  'timestamp',
  'unique_k',
  'vd_source',
  'xsec_source',
  // Platforms' own share/referral tags (issue 3): weibo refer_flag; toutiao/douyin log_from, enter_from,
  // previous_page; WeChat's reader-session parameters (uin identifies the reader, pass_ticket and exportkey are
  // session secrets; an article is fully addressed by __biz, mid, idx and sn).
  'refer_flag',
  'log_from',
  'enter_from',
  'previous_page',
  'chksm',
  'scene',
  'ascene',
  'subscene',
  'devicetype',
  'clicktime',
  'enterid',
  'sessionid',
  'wx_header',
  'fbclid',
  'gclid',
  'mc_cid',
  'mc_eid',
]);

const SECRET_PARAM = /^(access_?token|token|auth|session|sid|sig|signature|key|api_?key|password|passwd|pwd|code|pass_ticket|exportkey|uin)$/i;
const SECRET_FRAGMENT = /(access_token|id_token|token|auth|code)=/i;

/** Returns the cleaned URL, or undefined when the input is not an http(s) URL. */
export function sanitizeUrl(input: string): string | undefined {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.username = '';
  url.password = '';
  // forEach, not keys(): in a Firefox content script the iterators of URLSearchParams yield nothing.
  const names = new Set<string>();
  url.searchParams.forEach((_value, name) => names.add(name));
  for (const name of names) {
    if (TRACKING_PARAMS.has(name.toLowerCase()) || SECRET_PARAM.test(name)) url.searchParams.delete(name);
  }
  if (SECRET_FRAGMENT.test(url.hash)) url.hash = '';
  return url.href;
}
