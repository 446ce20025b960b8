// Zhihu: questions, answers, 专栏 articles, comments, people.
// Written from the public markup of these page types, 2023–2025 (not re-checked from this machine, which has
// no internet; the replicas in test/fixtures/sites/www.zhihu.com and zhuanlan.zhihu.com mirror it):
//   question  https://www.zhihu.com/question/<qid>                 (schema.org microdata: Question, Answer, Person)
//   answer    https://www.zhihu.com/question/<qid>/answer/<aid>
//   article   https://zhuanlan.zhihu.com/p/<id>
//   people    https://www.zhihu.com/people/<url token>
//   comments  obfuscated css-xxxx classes; each comment is a div[data-id] holding .CommentContent
// Microdata (<meta itemprop=url|dateCreated|upvoteCount>) and data-zop JSON are the stable anchors here.
import type { PlatformAdapter } from '../types';

export const SOURCES = {
  pages: [
    'https://www.zhihu.com/question/<qid>',
    'https://www.zhihu.com/question/<qid>/answer/<aid>',
    'https://zhuanlan.zhihu.com/p/<id>',
    'https://www.zhihu.com/people/<url token>',
  ],
  note: 'PC web 2023–2025; comments in the css-hashed markup (div[data-id] + .CommentContent).',
} as const;

const PEOPLE = /zhihu\.com\/people\/([A-Za-z0-9_-]+)/;

const zhihu: PlatformAdapter = {
  id: 'zhihu',
  items: [
    {
      id: 'user-header',
      kind: 'user',
      find: ['#ProfileHeader', '.ProfileHeader'],
      permalinkFromPage: true,
      ids: [{ key: 'urlToken', from: 'page', pattern: PEOPLE }],
      author: { link: ['a[href*="/people/"]'], name: ['.ProfileHeader-name', 'h1'], idPattern: PEOPLE },
      text: ['.ProfileHeader-headline', '.ProfileHeader-info'],
      engagement: { followers: ['.NumberBoard-itemValue[title]', 'a[href$="/followers"] strong'] },
    },
    {
      // Replies to a comment come before comments: a reply is a comment inside a comment.
      id: 'reply',
      kind: 'comment',
      find: ['.Comments-container div[data-id] div[data-id]:has(.CommentContent)', '.NestComment--child .CommentItemV2'],
      slot: ['.CommentContent + div', '.CommentItemV2-footer'],
      ids: [{ key: 'commentId', from: 'attr', attr: 'data-id', pattern: /^(\d+)$/ }],
      author: { link: ['a[href*="/people/"]:not(:has(img))', 'a.UserLink-link', 'a[href*="/people/"]'], idPattern: PEOPLE },
      text: ['.CommentContent', '.CommentItemV2-content'],
      time: { shown: ['.CommentContent + div > span:first-child', '.CommentItemV2-time'] },
      engagement: { likes: ['.CommentContent + div button:has(.ZDI--HeartFill16)', '.CommentContent + div button:last-child'] },
      parent: ['comment', 'answer', 'article'],
      around: true,
    },
    {
      id: 'comment',
      kind: 'comment',
      find: ['.Comments-container div[data-id]:has(.CommentContent)', '.CommentItemV2', 'li.NestComment--rootComment'],
      slot: ['.CommentContent + div', '.CommentItemV2-footer'],
      ids: [{ key: 'commentId', from: 'attr', attr: 'data-id', pattern: /^(\d+)$/ }],
      author: { link: ['a[href*="/people/"]:not(:has(img))', 'a.UserLink-link', 'a[href*="/people/"]'], idPattern: PEOPLE },
      text: ['.CommentContent', '.CommentItemV2-content'],
      time: { shown: ['.CommentContent + div > span:first-child', '.CommentItemV2-time'] },
      engagement: { likes: ['.CommentContent + div button:has(.ZDI--HeartFill16)', '.CommentContent + div button:last-child'] },
      parent: ['answer', 'article', 'question'],
      around: true,
    },
    {
      id: 'answer',
      kind: 'post',
      find: ['.ContentItem.AnswerItem', '[itemtype="http://schema.org/Answer"]', '.AnswerCard .ContentItem'],
      slot: ['.ContentItem-time', '.ContentItem-meta'],
      permalink: ['meta[itemprop="url"][content*="/answer/"]', '.ContentItem-time a[href*="/answer/"]', 'a[href*="/answer/"]'],
      ids: [
        { key: 'answerId', from: 'permalink', pattern: /\/answer\/(\d+)/ },
        { key: 'questionId', from: 'permalink', pattern: /\/question\/(\d+)/ },
        { key: 'answerId', from: 'attr', attr: 'data-zop', json: 'itemId' },
        { key: 'answerId', from: 'attr', attr: 'name', pattern: /^(\d+)$/ },
      ],
      author: {
        link: ['.AuthorInfo meta[itemprop="url"]', '.AuthorInfo a.UserLink-link', 'a[href*="/people/"]'],
        name: ['.AuthorInfo meta[itemprop="name"]', '.AuthorInfo-name'],
        nameAttr: ['content'],
        idPattern: PEOPLE,
      },
      text: ['.RichContent-inner [itemprop="text"]', '.RichContent-inner .RichText', '.RichText'],
      noise: ['.ContentItem-more', 'button'],
      time: { shown: ['.ContentItem-time span', '.ContentItem-time'], machine: ['meta[itemprop="dateCreated"]'] },
      media: ['.RichContent-inner img', '.RichContent-inner video'],
      engagement: {
        likes: ['meta[itemprop="upvoteCount"]', 'button.VoteButton--up'],
        comments: ['meta[itemprop="commentCount"]'],
      },
      parent: ['question'],
    },
    {
      id: 'article',
      kind: 'article',
      find: ['article.Post-Main', '.Post-Main', 'article[itemtype="http://schema.org/Article"]'],
      slot: ['.Post-Header', 'header'],
      permalinkFromPage: true,
      ids: [{ key: 'articleId', from: 'page', pattern: /zhuanlan\.zhihu\.com\/p\/(\d+)/ }],
      author: {
        link: ['.AuthorInfo meta[itemprop="url"]', '.AuthorInfo a.UserLink-link', 'a[href*="/people/"]'],
        name: ['.AuthorInfo meta[itemprop="name"]', '.AuthorInfo-name'],
        nameAttr: ['content'],
        idPattern: PEOPLE,
      },
      title: ['h1.Post-Title', 'h1'],
      text: ['.Post-RichText', '.RichText'],
      time: { shown: ['.ContentItem-time'], machine: ['meta[itemprop="datePublished"]'] },
      media: ['.Post-RichText img', '.Post-RichText video', '.TitleImage'],
      engagement: { likes: ['button.VoteButton--up'] },
    },
    {
      id: 'question',
      kind: 'post',
      find: ['.QuestionHeader', '[itemtype="http://schema.org/Question"] .QuestionHeader-content'],
      slot: ['.QuestionHeader-footer', '.QuestionHeader-main'],
      permalink: ['meta[itemprop="url"]'],
      permalinkFromPage: true,
      ids: [{ key: 'questionId', from: 'page', pattern: /\/question\/(\d+)/ }],
      title: ['h1.QuestionHeader-title', 'h1'],
      text: ['.QuestionRichText .RichText', '.QuestionRichText'],
      noise: ['button'],
      engagement: { followers: ['.NumberBoard-itemValue[title]'], answers: ['.List-headerText span'] },
    },
  ],
};

export default zhihu;
