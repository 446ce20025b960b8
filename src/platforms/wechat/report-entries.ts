// WeChat's article complaint page (domain.md): takes the encoded article URL; may require the WeChat client.
import type { ReportEntry } from '../types';

export const WECHAT_REPORT_ENTRIES: readonly ReportEntry[] = [
  { kind: 'article', url: 'https://mp.weixin.qq.com/mp/infringement?url={permalink}#wechat_redirect', params: ['permalink'], note: 'description ≤ 50 characters; may need the WeChat client' },
];

export const WECHAT_REPORT_REASONS = ['欺诈', '色情', '政治谣言', '常识性谣言', '诱导分享', '恶意营销', '隐私信息收集', '抄袭公众号文章', '其他侵权类', '违规声明原创'] as const;
