// In-page report dialogs (Bilibili comments and dynamics, Zhihu): which page the adapter opens for which
// item, how the opener finds the item, its menu and its dialog, and what the filler and the answer reader
// make of the replicas' dialogs.
// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { destinationAdapter } from '../../../src/destinations/adapters';
import { SITE_PROFILES, matchPage } from '../../../src/destinations/adapters/site-profiles';
import type { DestinationAction, SubmittableReport } from '../../../src/destinations/adapters/destination-adapter';
import type { CapturedPost } from '../../../src/model/captured-post';
import { newSubmission } from '../../../src/model/submission';
import { dialogRoot, findDialogItem, findEntry, itemSelectors, openReportDialog } from '../../../src/destinations/dialog-opener';
import { fillForm, readAnswer, reasonAvailable } from '../../../src/destinations/page-filler';

const NOW = '2026-11-22T10:00:00.000Z';
function report(item: Partial<CapturedPost>, over: Partial<SubmittableReport> = {}): SubmittableReport {
  return {
    id: '00000000-0000-4000-8000-000000000002',
    status: 'saved',
    createdAt: NOW,
    updatedAt: NOW,
    items: [
      {
        platform: 'bilibili',
        kind: 'comment',
        ids: {},
        pageUrl: 'https://www.bilibili.com/video/BV1GJ411x7h7/',
        pageTitle: '视频',
        text: '加 V 进内部群',
        media: [],
        context: [],
        capturedAt: NOW,
        ...item,
      } as CapturedPost,
    ],
    evidence: [],
    categoryId: 'illegal-11-fraud',
    description: '冒充理财导师，疑似诈骗。',
    destinations: ['bilibili'],
    anonymous: true,
    goodFaith: { statementKey: 'goodFaithStatement', at: NOW },
    ...over,
  };
}

function prepare(destinationId: string, r: SubmittableReport): DestinationAction {
  const adapter = destinationAdapter(destinationId)!;
  return adapter.prepare(r, newSubmission({ reportId: r.id, destinationId, channel: adapter.channel }));
}

const replicaBody = (file: string) => {
  const html = readFileSync(path.join(process.cwd(), 'test/fixtures/sites', file), 'utf8');
  document.body.innerHTML = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/^[\s\S]*<body[^>]*>/, '').replace(/<\/body>[\s\S]*$/, '');
};

describe('dialog entries in the adapters', () => {
  it('a Bilibili comment opens its video page with the comment dialog profile, its reason by wording and its id', () => {
    const action = prepare('bilibili', report({ ids: { rpid: '246000000001' } }));
    expect(action).toMatchObject({
      kind: 'open-page',
      url: 'https://www.bilibili.com/video/BV1GJ411x7h7/',
      fill: {
        profileId: 'bilibili-comment',
        values: { reason: '赌博诈骗', description: '冒充理财导师，疑似诈骗。' },
        target: { kind: 'comment', ids: { rpid: '246000000001' } },
        uploads: [],
      },
    });
  });

  it('a Bilibili dynamic opens t.bilibili.com/<id>; a video still goes to the appeal page', () => {
    const dyn = prepare('bilibili', report({ kind: 'post', ids: { dynamicId: '912345678901234599' }, pageUrl: 'https://t.bilibili.com/912345678901234599' }, { categoryId: 'illegal-8' }));
    expect(dyn).toMatchObject({ url: 'https://t.bilibili.com/912345678901234599', fill: { profileId: 'bilibili-dynamic', values: { reason: '传播不实信息' } } });
    const video = prepare('bilibili', report({ kind: 'video', ids: { aid: '170001', bvid: 'BV1xx411c7mD' }, pageUrl: 'https://www.bilibili.com/video/BV1xx411c7mD' }));
    expect(video).toMatchObject({ url: 'https://www.bilibili.com/appeal/?avid=170001', fill: { profileId: 'bilibili' } });
    expect((video as { fill: { target?: unknown } }).fill.target).toBeUndefined();
  });

  it('Zhihu: an answer’s own page by its ids, a comment on the page it was captured on', () => {
    const answer = prepare('zhihu', report({ platform: 'zhihu', kind: 'post', ids: { questionId: '600000002', answerId: '3000000003' }, pageUrl: 'https://www.zhihu.com/question/600000002' }, { destinations: ['zhihu'] }));
    expect(answer).toMatchObject({
      url: 'https://www.zhihu.com/question/600000002/answer/3000000003',
      fill: { profileId: 'zhihu', values: { reason: '违法违规' }, target: { kind: 'post', ids: { answerId: '3000000003' } } },
    });
    const comment = prepare('zhihu', report({ platform: 'zhihu', kind: 'comment', ids: { commentId: '10200000002' }, pageUrl: 'https://www.zhihu.com/question/600000002/answer/3000000003' }, { categoryId: 'illegal-10-insult' }));
    expect(comment).toMatchObject({ url: 'https://www.zhihu.com/question/600000002/answer/3000000003', fill: { values: { reason: '不友善内容' } } });
  });

  it('never opens a captured address off the platform, or over plain http, as a dialog page; odd ids are left out', () => {
    const elsewhere = prepare('bilibili', report({ ids: { rpid: '1' }, pageUrl: 'https://bilibili.example.com/video/BV1GJ411x7h7/' }));
    expect(elsewhere.kind).toBe('elsewhere');
    const plain = prepare('bilibili', report({ ids: { rpid: '1' }, pageUrl: 'http://www.bilibili.com/video/BV1GJ411x7h7/' }));
    expect(plain.kind).toBe('elsewhere');
    // A page the profile does not open dialogs on (Zhihu's home page) is not a dialog entry either.
    const home = prepare('zhihu', report({ platform: 'zhihu', kind: 'comment', ids: { commentId: '1' }, pageUrl: 'https://www.zhihu.com/' }));
    expect(home).toMatchObject({ kind: 'open-page', fill: null });
    const odd = prepare('bilibili', report({ ids: { rpid: '1"],a[x="' } }));
    expect(odd).toMatchObject({ kind: 'open-page', fill: { target: { ids: {} } } });
    expect(itemSelectors(SITE_PROFILES['bilibili-comment'].dialog.targets[0]!, { rpid: '1"],a[x="' })).toEqual([]);
  });

  it('matchPage tells item pages (dialog) from report pages', () => {
    expect(matchPage('https://www.bilibili.com/video/BV1GJ411x7h7/')).toMatchObject({ role: 'dialog', profile: { id: 'bilibili-comment' } });
    expect(matchPage('https://t.bilibili.com/912345678901234599')).toMatchObject({ role: 'dialog', profile: { id: 'bilibili-dynamic' } });
    expect(matchPage('https://www.bilibili.com/opus/912345678901234599')).toMatchObject({ role: 'dialog', profile: { id: 'bilibili-dynamic' } });
    expect(matchPage('https://www.bilibili.com/appeal/?avid=1')).toMatchObject({ role: 'form', profile: { id: 'bilibili' } });
    expect(matchPage('https://www.zhihu.com/question/1/answer/2')).toMatchObject({ role: 'dialog', profile: { id: 'zhihu' } });
    expect(matchPage('https://zhuanlan.zhihu.com/p/700000001')).toMatchObject({ role: 'dialog', profile: { id: 'zhihu' } });
    expect(matchPage('https://www.bilibili.com/')).toBeUndefined();
    expect(matchPage('https://www.zhihu.com/people/someone')).toBeUndefined();
  });
});

describe('dialog opener', () => {
  const comment = SITE_PROFILES['bilibili-comment'];

  it('finds a comment and a reply (楼中楼) by rpid in the replica, each as its own item', () => {
    replicaBody('www.bilibili.com/video/BV1GJ411x7h7/index.html');
    const root = findDialogItem(document, comment.dialog, { kind: 'comment', ids: { rpid: '246000000001' } });
    expect(root?.item.getAttribute('data-fixture')).toBe('c1');
    const reply = findDialogItem(document, comment.dialog, { kind: 'comment', ids: { rpid: '246000000011' } });
    expect(reply?.item.getAttribute('data-fixture')).toBe('r1');
    expect(findDialogItem(document, comment.dialog, { kind: 'comment', ids: { rpid: '999' } })).toBeNull();
    expect(findDialogItem(document, comment.dialog, { kind: 'post', ids: { rpid: '246000000001' } })).toBeNull();
  });

  it('finds a Zhihu answer by its id and a comment by data-id; the extension’s own buttons are never the site’s entry', () => {
    replicaBody('www.zhihu.com/question/600000002/answer/3000000003/index.html');
    const zhihu = SITE_PROFILES.zhihu.dialog;
    expect(findDialogItem(document, zhihu, { kind: 'post', ids: { answerId: '3000000003' } })?.item.getAttribute('data-fixture')).toBe('answer');
    const found = findDialogItem(document, zhihu, { kind: 'comment', ids: { commentId: '10200000001' } })!;
    expect(found.item.getAttribute('data-fixture')).toBe('comment');
    const own = document.createElement('button');
    own.setAttribute('data-report-assistant', 'report');
    own.textContent = '举报';
    found.item.querySelector('.css-x1xlu5')!.append(own);
    const site = found.item.querySelector<HTMLElement>('.CommentItem-report')!;
    site.style.display = 'none';
    expect(findEntry(document, zhihu, found.target, found.item)).toBeNull();
    site.style.display = 'inline-block';
    expect(findEntry(document, zhihu, found.target, found.item)).toBe(site);
  });

  it('opens a menu that shows on hover, chooses 举报 and waits for the dialog; never presses its submit', async () => {
    document.body.innerHTML = `
      <div class="bili-dyn-item"><a class="bili-dyn-time" href="//t.bilibili.com/912345678901234599">1</a>
        <div class="bili-dyn-item__more"><div class="bili-dyn-more__btn">⋯</div></div></div>`;
    const spec = SITE_PROFILES['bilibili-dynamic'].dialog;
    let submitted = 0;
    const more = document.querySelector('.bili-dyn-item__more')!;
    // Like the site: the menu opens on mouseenter of the wrapper (not of the button the opener hovers).
    more.addEventListener('mouseenter', () => {
      if (more.querySelector('.bili-dyn-more__menu')) return;
      more.insertAdjacentHTML('beforeend', '<div class="bili-dyn-more__menu"><div class="bili-cascader-options__item">取消关注</div><div class="bili-cascader-options__item" id="report">举报</div></div>');
      document.getElementById('report')!.addEventListener('click', () => {
        setTimeout(() => {
          document.body.insertAdjacentHTML('beforeend', '<div class="bili-dyn-report"><input type="radio" name="dyn-report-reason" id="r13" value="13"><label for="r13">传播不实信息</label><textarea class="bili-dyn-report__desc"></textarea><button class="bili-dyn-report__submit">提交</button></div>');
          document.querySelector('.bili-dyn-report__submit')!.addEventListener('click', () => submitted++);
        }, 30);
      });
    });
    const result = await openReportDialog(document, spec, { kind: 'post', ids: { dynamicId: '912345678901234599' } }, { itemTimeoutMs: 1000, stepTimeoutMs: 1000 });
    expect(result.status).toBe('opened');
    const root = (result as { root: Element }).root;
    expect(root).toBe(dialogRoot(document, spec));
    expect(fillForm(root, SITE_PROFILES['bilibili-dynamic'], { reason: '传播不实信息', description: '造谣' })).toEqual({ filled: ['reason', 'description'], missing: [] });
    expect(root.querySelector<HTMLInputElement>('#r13')!.checked).toBe(true);
    expect(submitted).toBe(0);
  });

  it('says what is missing: no item, or no entry in its menu', async () => {
    document.body.innerHTML = '<div class="reply-item"><div class="user-name" data-root-reply-id="5"></div><div class="reply-operation-warp"><div class="reply-operation-client">⋮</div></div></div>';
    expect((await openReportDialog(document, comment.dialog, { kind: 'comment', ids: { rpid: '6' } }, { itemTimeoutMs: 150, stepTimeoutMs: 150 })).status).toBe('no-item');
    expect((await openReportDialog(document, comment.dialog, { kind: 'comment', ids: { rpid: '5' } }, { itemTimeoutMs: 150, stepTimeoutMs: 150 })).status).toBe('no-entry');
  });
});

describe('dialog filling and answers', () => {
  it('waits for reasons the site serves late: not available, then available and chosen by wording', () => {
    document.body.innerHTML = '<div class="Modal ReportModal"><div class="ReportModal-reasons">加载中…</div><textarea class="ReportModal-textarea"></textarea></div>';
    const modal = document.querySelector('.ReportModal')!;
    expect(reasonAvailable(modal, SITE_PROFILES.zhihu, '违法违规')).toBe(false);
    modal.querySelector('.ReportModal-reasons')!.innerHTML =
      '<label><input type="radio" name="report-reason" value="spam">垃圾广告信息</label><label><input type="radio" name="report-reason" value="illegal">违法违规</label>';
    expect(reasonAvailable(modal, SITE_PROFILES.zhihu, '违法违规')).toBe(true);
    fillForm(modal, SITE_PROFILES.zhihu, { reason: '违法违规', description: '诈骗' });
    expect(modal.querySelector<HTMLInputElement>('input[value="illegal"]')!.checked).toBe(true);
    expect(modal.querySelector('textarea')!.value).toBe('诈骗');
  });

  it('reads each platform’s success, already-reported and too-frequent toasts; a validation message is no answer', () => {
    const cases: Array<[keyof typeof SITE_PROFILES, string, string, string | null]> = [
      ['bilibili-comment', 'reply-toast', '举报成功', 'confirmed'],
      ['bilibili-comment', 'reply-toast', '已经举报过了', 'already-reported'],
      ['bilibili-comment', 'reply-toast', '举报过于频繁，请稍后再试', 'too-frequent'],
      ['bilibili-comment', 'report-error', '请选择举报理由', null],
      ['bilibili-dynamic', 'bili-toast', '举报成功，感谢你的反馈', 'confirmed'],
      ['bilibili-dynamic', 'bili-toast', '你已经举报过该动态了', 'already-reported'],
      ['bilibili-dynamic', 'bili-toast', '操作过于频繁，请稍后再试', 'too-frequent'],
      ['zhihu', 'Toast', '举报成功，感谢你的举报，我们会尽快处理', 'confirmed'],
      ['zhihu', 'Toast', '你已经举报过该内容，请耐心等待处理结果', 'already-reported'],
      ['zhihu', 'Toast', '操作过于频繁，请稍后再试', 'too-frequent'],
      ['zhihu', 'ReportModal-error', '请选择举报原因', null],
    ];
    for (const [profile, cls, text, kind] of cases) {
      document.body.innerHTML = `<div class="${cls}"></div>`;
      document.querySelector(`.${cls}`)!.textContent = text;
      expect(readAnswer(document, SITE_PROFILES[profile])?.kind ?? null, `${profile}: ${text}`).toBe(kind);
    }
  });
});
