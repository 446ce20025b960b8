// Where an item's context goes for each destination: the form's summary reads it from the catalog alone (so
// the popup does not load the destination adapters); it must say what the adapters really do.
import { describe, expect, it } from 'vitest';
import { DESTINATIONS } from '../../../src/destinations/catalog';
import { contextCarriage } from '../../../src/destinations/adapters';
import { fullReportText } from '../../../src/destinations/report-text';
import { contextCarriageOf } from '../../../src/ui/form/send-summary';
import type { SubmittableReport } from '../../../src/destinations/adapters/destination-adapter';

describe('an item’s context, per destination', () => {
  it('the form’s summary says for every destination what its adapter does', () => {
    for (const d of DESTINATIONS) expect(contextCarriageOf(d), d.id).toBe(contextCarriage(d.id));
    expect(DESTINATIONS.some((d) => contextCarriageOf(d) === 'data')).toBe(true);
    expect(DESTINATIONS.some((d) => contextCarriageOf(d) === 'copy-and-pack')).toBe(true);
  });

  it('the full text carries the title, the post an item belongs to and the original it quotes, marked as context; not the comments around it', () => {
    const report = {
      id: 'r',
      categoryId: null,
      description: '说明',
      evidence: [],
      items: [
        {
          platform: 'bilibili',
          kind: 'comment',
          ids: { rpid: '1' },
          permalink: 'https://www.bilibili.com/video/BV1xx#reply1',
          pageUrl: 'https://www.bilibili.com/video/BV1xx',
          pageTitle: 't',
          text: '加V进群',
          media: [],
          capturedAt: '2026-12-01T00:00:00.000Z',
          context: [
            { role: 'parent', kind: 'video', ids: { bvid: 'BV1xx' }, title: '三天回本的秘诀', author: { name: '理财课堂' }, text: '', permalink: 'https://www.bilibili.com/video/BV1xx' },
            { role: 'around', kind: 'comment', ids: { rpid: '2' }, text: '路过' },
          ],
        },
      ],
    } as unknown as SubmittableReport;
    const text = fullReportText(report, '12377');
    expect(text).toContain('所属内容（上下文）：三天回本的秘诀；发布者 理财课堂；https://www.bilibili.com/video/BV1xx');
    expect(text).not.toContain('路过');
  });
});
