import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/* ----------------------------------------------------------------------------------------------
 * Large RedNote-like pages for the benchmark, generated from the stored fixture pages.
 *
 * `note.html` and `feed.html` render everything from one inline data line,
 *   <script>window.__FIXTURE_CONFIG__={…};window.__FIXTURE_DATA__={…};</script>
 * so a scaled page is the stored page with that line rewritten: thousands of generated comments
 * (note) or cards (feed), plus a shorter loading delay. The page script itself is unchanged, so
 * paging, replies and card layout behave exactly as in the stored pages. `__INITIAL_STATE__` is
 * left alone (it is not JSON and the generated content does not live there).
 *
 * Every generated unit (a comment's `.content`, a card's title) carries a fixture id that says
 * whether the extension must translate it: `bench-zh-<n>` / `bench-skip-<n>` for comments and
 * replies, `bench-card-zh-<n>-title` / `bench-card-skip-<n>-title` for card titles. `<n>` counts
 * the generated units (comments) or cards from 1, in page order. Elements the page derives from
 * the same fixture id (`bench-zh-7-author`, `-date`, `-badge`, `-mention`, card `-author`) are
 * not units.
 *
 * Everything is a pure function of the options: texts, ids and users come from a seeded PRNG.
 * -------------------------------------------------------------------------------------------- */

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../tests/fixtures/xhs');

/** The full-page note of `note.html`: its title, description and hashtags are kept as stored. */
export const BENCH_NOTE_ID = '68f22fc000000000b2315042';

/** The feed's initial cards, rendered from `__INITIAL_STATE__` and kept as stored. */
export const INITIAL_FEED_CARDS = 12;

/** Default loading delay, in ms, of a comment page or a feed batch, like a quick API answer (the stored pages use 400 / 450). */
export const DEFAULT_DELAY_MS = 150;

/** Generated units the extension must translate (`translate`) or leave alone (`skip`). */
export interface UnitCounts {
  translate: number;
  skip: number;
}

export interface ScaledNotePage {
  html: string;
  /** Generated comment units only: the note's own title and description (`pub-n01-*`) come in addition. */
  units: UnitCounts;
  /** Top-level comments (each followed by its 0–3 inline replies). */
  topLevel: number;
  /** `CFG.commentPaging`: top-level comments added by one `loadMoreComments()`. */
  commentPaging: number;
  /** The first render plus one page per `loadMoreComments()` until `- THE END -`. */
  pages: number;
}

export interface ScaledFeedPage {
  html: string;
  /** Card titles, the 12 initial (stored) ones included. */
  units: UnitCounts;
  /** Batches in `DATA.feedBatches`: one is appended per `loadMore()`. */
  batches: number;
}

export const BENCH_UNIT_ID = /^bench-(?:(zh|skip)-\d+|card-(zh|skip)-\d+-title)$/;

/** True for the fixture id of a generated unit (not for its `-author`, `-date`, … companions). */
export function isBenchUnit(fixtureId: string): boolean {
  return BENCH_UNIT_ID.test(fixtureId);
}

/** True when the generated unit with this fixture id holds Chinese that must be translated. */
export function mustTranslate(fixtureId: string): boolean {
  const match = BENCH_UNIT_ID.exec(fixtureId);
  return (match?.[1] ?? match?.[2]) === 'zh';
}

/* ---------------- the stored pages' data (only the fields this file reads or writes) ---------------- */

interface AtUser {
  userId: string;
  nickname: string;
}

interface UserInfo extends AtUser {
  image: string;
  xsecToken: string;
}

interface Comment {
  id: string;
  noteId: string;
  content: string;
  likeCount: string;
  createTime: number;
  ipLocation: string;
  liked: boolean;
  status: number;
  userInfo: UserInfo;
  showTags: string[];
  atUsers: AtUser[];
  /** The page's `commentHTML` reads the fixture id from `DATA.fx[id]`, else from here. */
  _fx: string;
  targetComment?: { id: string; userInfo: AtUser };
  subCommentCount?: string;
  subComments?: Comment[];
  subCommentHasMore?: boolean;
  subCommentCursor?: string;
}

interface NoteDetail {
  note: {
    time: number;
    user: { userId: string; nickname: string; avatar: string; xsecToken: string };
    interactInfo: { commentCount: string };
  };
  comments: { list: Comment[]; cursor: string; hasMore: boolean };
}

interface CardUser {
  userId: string;
  nickname: string;
  nickName: string;
  avatar: string;
  xsecToken: string;
}

interface FeedCard {
  id: string;
  modelType: string;
  xsecToken: string;
  index: number;
  noteCard?: {
    type: string;
    displayTitle: string;
    user: CardUser;
    interactInfo: { liked: boolean; likedCount: string };
    cover: { width: number; height: number; urlDefault: string };
  };
}

/** A stored batch card of a note (not a "大家都在搜" query card): what generated cards copy. */
type NoteFeedCard = FeedCard & { noteCard: NonNullable<FeedCard['noteCard']> };

const isNoteCard = (card: FeedCard): card is NoteFeedCard => card.modelType === 'note' && card.noteCard !== undefined;

interface FixtureData {
  now: number;
  emoji: Record<string, string>;
  fx: Record<string, string>;
  noteDetails: Record<string, NoteDetail>;
  moreSub: Record<string, Comment[]>;
  moreTop: Record<string, Comment[]>;
  feedBatches: FeedCard[][];
}

type FixtureConfig = Record<string, unknown>;

/* ---------------- reading and writing the data line ---------------- */

const CONFIG_PREFIX = '<script>window.__FIXTURE_CONFIG__=';
const DATA_PREFIX = ';window.__FIXTURE_DATA__=';
const LINE_SUFFIX = ';</script>';

interface StoredPage {
  before: string;
  config: FixtureConfig;
  data: FixtureData;
  after: string;
}

function readPage(name: 'note.html' | 'feed.html'): StoredPage {
  const html = readFileSync(resolve(FIXTURES, name), 'utf8');
  const start = html.indexOf(CONFIG_PREFIX);
  if (start < 0 || html.indexOf(CONFIG_PREFIX, start + 1) >= 0) throw new Error(`${name}: expected one fixture data line`);
  const end = html.indexOf('\n', start);
  const line = html.slice(start, end);
  const split = line.indexOf(DATA_PREFIX);
  if (split < 0 || !line.endsWith(LINE_SUFFIX)) throw new Error(`${name}: the fixture data line changed shape`);
  return {
    before: html.slice(0, start),
    config: JSON.parse(line.slice(CONFIG_PREFIX.length, split)) as FixtureConfig,
    // Not JSON in feed.html: some notes hold `"lastUpdateTime":undefined`. It is read the way the
    // page reads it, as a JavaScript literal; JSON.stringify then drops those keys, which reads
    // the same (`undefined`) in the page script. The text is the repository's own fixture.
    data: new Function(`return (${line.slice(split + DATA_PREFIX.length, -LINE_SUFFIX.length)});`)() as FixtureData,
    after: html.slice(end),
  };
}

/** JSON that is safe inside `<script>`: `<` only occurs in strings, where `\u003c` means the same. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function writePage(page: StoredPage): string {
  return page.before + CONFIG_PREFIX + scriptJson(page.config) + DATA_PREFIX + scriptJson(page.data) + LINE_SUFFIX + page.after;
}

/** Replaces `search` in `html`, which must occur exactly once (so a changed page script fails loudly). */
function replaceOnce(html: string, search: string, replacement: string): string {
  const parts = html.split(search);
  if (parts.length !== 2) throw new Error(`expected exactly one occurrence of ${JSON.stringify(search)}, found ${parts.length - 1}`);
  return parts.join(replacement);
}

// The setTimeout of `loadMoreComments` (400 ms) and of the feed's `loadMore` (450 ms), with the
// line before each so that no other timer can match.
const COMMENT_DELAY = "remaining: pending.length });\n    }, 400);";
const FEED_DELAY = "emit('feed-appended', { batch: batchNo, ids: items.map(function (it) { return it.id; }) });\n    }, 450);";

function withDelay(html: string, pattern: string, storedMs: number, ms: number): string {
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`delay must be a whole number of ms, got ${ms}`);
  return replaceOnce(html, pattern, pattern.replace(`}, ${storedMs});`, `}, ${ms});`));
}

/* ---------------- deterministic randomness ---------------- */

/** mulberry32: a tiny seeded PRNG, so the same seed always yields the same page. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  /** Like the site's `xsec_token` values: `AB` + 41 base64url characters + `=`. */
  token(): string {
    return 'AB' + this.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 41) + '=';
  }
}

const HEX = '0123456789abcdef';

/** 24-hex ids shaped like the site's: 8 hex digits of the creation second, then 16 random ones. */
class Ids {
  private readonly used = new Set<string>();

  constructor(private readonly random: Random) {}

  at(timeMs: number): string {
    for (;;) {
      const id = Math.floor(timeMs / 1000).toString(16).padStart(8, '0') + this.random.chars(HEX, 16);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}

/* ---------------- phrase pools ---------------- */

const OPENERS = ['救命', '啊啊啊', '天呐', '姐妹们', '集美们', '家人们', '宝子们', '说真的', '不是吧', '哇塞', '笑死', '谁懂啊', '呜呜呜', '请问', '博主', '求问'];

const QUESTIONS = [
  // travel
  '求民宿链接！！', '人均大概多少呀', '五月去会不会人很多', '需要提前预约吗', '这个机位在哪里呀', '古城里住哪里比较方便',
  '自驾还是包车比较好', '带爸妈去会不会太累', '下雨天去也好看吗', '几月份去最合适呀', '第一次去应该待几天', '从机场过去方便吗',
  '这是哪个滤镜呀', '门票要提前买吗',
  // food
  '这家店叫什么呀', '排队要多久', '辣度怎么样', '一个人去吃会不会尴尬', '需要提前订位吗', '这是哪个商场的', '外卖能点到吗', '周末人多吗',
  // beauty
  '求色号！！', '黄皮能用吗', '干皮用着会起皮吗', '持妆效果怎么样', '散粉是哪款呀', '有平替推荐吗', '敏感肌可以用吗', '混油皮适合吗',
  '在哪里买的呀', '这个颜色显白吗',
  // study
  '每天学几个小时呀', '用的什么app背单词', '真题资料可以分享一下吗', '英语基础差能跟上吗', '时间表可以发一下吗', '口语是怎么练的',
  '二战压力大吗', '专业课用的哪本书', '图书馆占座难吗',
];

const REACTIONS = [
  '这个攻略也太详细了吧', '看饿了', '太出片了吧', '真的好好看', '这个配色绝了', '收藏了', '已经种草了', '拔草了 不值这个价', '氛围感拉满',
  '看完立刻想去', '宝藏博主', '终于有人说了', '被美到了', '学到了', '太有用了', '好治愈啊', '梦中情房', '也太会拍了', '羡慕哭了',
  '居然这么便宜', '踩雷了 又贵又难吃', '同款已入', '这也太可爱了', '码住慢慢看',
];

/** Mixed Chinese and English, as RedNote users write it (each piece has at least two Han characters). */
const MIXED = [
  '这个view也太绝了吧 obsessed!!', '已经加入我的bucket list', 'vibe感拉满', '这个look我可以', '好chill啊', 'so pretty 已种草',
  '求个link！！', 'OOTD太好看了', '这个citywalk路线绝了', '配色好aesthetic', '真的很有feel', '周末去打卡 wish me luck', '好想要同款 crush了',
  '这个plan太实用了 thx',
];

/** Traditional Chinese from Hong Kong and Taiwan readers. */
const TRADITIONAL = ['好想去！請問租車大概多少錢一天？', '好喜歡這種風格', '這家真的很好吃', '請問是在哪裡拍的呀', '太美了吧 已經收藏了', '謝謝分享 超實用'];

const SLANG = ['绝绝子', 'yyds', '真的会谢', '冲冲冲', '爱了爱了', '蹲一个', '蹲后续', '已种草', '谁懂啊', '救命', '集美们冲', '狠狠心动了', '码住了', '先赞后看'];

const CITIES = ['大理', '成都', '上海', '杭州', '重庆', '厦门', '西安', '长沙', '北京', '广州', '南京', '青岛', '苏州', '丽江', '三亚', '昆明'];

/** Details with numbers and places: what keeps most generated comments different from each other. */
const EXPERIENCES: ((r: Random) => string)[] = [
  (r) => `上次去排了${r.int(2, 12) * 10}分钟 真的会谢`,
  (r) => `我${r.int(1, 12)}月去的，人不算多`,
  (r) => `坐标${r.pick(CITIES)}，周末就去`,
  (r) => `预算${r.int(5, 60) * 100}左右够吗`,
  (r) => `我们住了${r.int(2, 7)}晚，还想再去`,
  (r) => `在${r.pick(CITIES)}找了好久同款`,
  (r) => `回购第${r.int(2, 9)}次了`,
  (r) => `${r.int(7, 11)}点到的，已经排了好长的队`,
  (r) => `和闺蜜去了${r.int(2, 5)}次都没拍好`,
  (r) => `人均${r.int(30, 300)}吃得很饱`,
  (r) => `用了${r.int(2, 8)}周，皮肤真的稳定了`,
  (r) => `二战${r.int(360, 430)}分上岸，来还愿了`,
  (r) => `每天背${r.int(3, 20) * 10}个单词坚持了${r.int(20, 300)}天`,
  (r) => `${r.pick(CITIES)}的姐妹有没有一起的`,
  (r) => `下个月${r.int(1, 28)}号就去${r.pick(CITIES)}`,
];

/** Short comments that recur word for word on the real site. */
const COMMON_REPEATS = ['哈哈哈哈哈', '同求', '蹲一个', '太美了吧', '求链接', '好好看'];

const EMOJI = ['😍', '😭', '🥹', '✨', '🔥', '💕', '😂', '🙏', '🌸', '👍', '🌊', '🍜'];

const ENGLISH = [
  'Saving this for my trip in May!', 'Is it easy to get around without speaking Chinese?', 'This is so cozy!!', 'Love this vibe',
  'Where is this place?', 'Adding this to my bucket list', 'The colors are stunning', "Can't wait to try this",
  'Thanks for the detailed guide', 'Omg the view', 'Which lens did you use?', 'Going there next month, any tips?', 'Looks delicious',
  'Need this in my life', 'How much was the hotel?',
];
const ENGLISH_TAILS = ['', ' 😍', '!!', ' lol', ' 🙏', ' ✨', ' thx', ' so good'];

// Kana-rich, as the detector tells Japanese from Chinese by its kana.
const JAPANESE = [
  '写真がとてもきれいですね！', '来年行ってみたいです', 'この色かわいい！', '美味しそう！', 'どこで買えますか？', '本当に素敵です',
  '保存しました✨', '行ってみたいな〜', '雰囲気がすごくいい', '参考になりました！ありがとうございます',
];

const KOREAN = ['와 사진 진짜 예쁘다ㅠㅠ', '너무 좋아요!', '여기 어디예요?', '저장해요!', '맛있겠다!', '꼭 가보고 싶어요', '색감 미쳤다', '정보 감사합니다', '분위기 너무 좋다'];

const PROVINCES = ['上海', '北京', '广东', '浙江', '江苏', '四川', '云南', '湖南', '湖北', '福建', '山东', '河南', '重庆', '陕西', '香港', '台湾', '美国', '日本', '英国', '韩国'];

/* ---------------- users ---------------- */

const ZH_NAME_HEADS = ['一只爱', '小', '阿', '今天也想', '不吃', '爱吃', '努力', '快乐的', '橘子', '柠檬', '奶茶', '晚风', 'momo', '软糖', '周末'];
const ZH_NAME_TAILS = ['旅行的猫', '鹿', '呆', '小熊', '喵', '上岸', '香菜', '拿铁', '汽水🍊', '星星', '不加班', '在大理', '酱', '吃辣', '小狗'];
const LATIN_NAMES = ['Momo', 'Lily', 'Cici', 'Yuki', 'Tom', 'Hannah', 'Ada', 'Vivi', 'Luna', 'Kiki', 'Leo', 'Nina', 'Coco', 'Ivy', 'Max'];
const LATIN_TAILS = ['_sh', '在大理', '.daily', '🌸', '_2025', '爱吃辣', '_travel', '同学', '.cat', '酱'];

const USER_POOL_SIZE = 200;

/**
 * ~200 commenters reused across the page, as on a busy note: Chinese and Latin nicknames
 * (no spaces, so an `@nickname` mention reads as one), the avatars the stored page already has.
 */
function makeUsers(random: Random, ids: Ids, avatars: readonly string[], now: number): UserInfo[] {
  const names = new Set<string>();
  while (names.size < USER_POOL_SIZE) {
    const name = random.chance(0.6)
      ? random.pick(ZH_NAME_HEADS) + random.pick(ZH_NAME_TAILS) + (random.chance(0.3) ? String(random.int(1, 99)) : '')
      : random.pick(LATIN_NAMES) + random.pick(LATIN_TAILS) + (random.chance(0.3) ? String(random.int(1, 99)) : '');
    names.add(name);
  }
  return Array.from(names, (nickname) => ({
    userId: ids.at(now - random.int(30, 900) * 86_400_000),
    nickname,
    image: random.pick(avatars),
    xsecToken: random.token(),
  }));
}

/* ---------------- texts ---------------- */

const SKIP_SHARE = 0.08;
const REPEAT_SHARE = 0.04;

interface Text {
  content: string;
  atUsers: AtUser[];
  translate: boolean;
}

const EMOJI_CODE = /\[[^[\]\n]{1,10}\]/g;

/** The text as the page shows it: emoji codes such as `[笑哭R]` become images. */
const shownText = (content: string) => content.replace(EMOJI_CODE, '');

const chars = (text: string) => Array.from(text).length;

/**
 * Comment texts. Apart from the deliberate repeats, every text is unique as the page shows it,
 * i.e. with the emoji codes (rendered as images) left out, so that duplicates are only the
 * `COMMON_REPEATS`.
 */
class CommentTexts {
  private readonly shown = new Set<string>();

  constructor(
    private readonly random: Random,
    private readonly emojiCodes: readonly string[],
    private readonly users: readonly UserInfo[],
  ) {}

  next(): Text {
    const r = this.random;
    if (r.chance(SKIP_SHARE)) return this.unique(() => this.skip());
    if (r.chance(REPEAT_SHARE / (1 - SKIP_SHARE))) return { content: r.pick(COMMON_REPEATS), atUsers: [], translate: true };
    return this.unique(() => this.chinese());
  }

  private unique(make: () => Text): Text {
    for (let attempt = 0; ; attempt++) {
      const text = make();
      if (chars(text.content) > 90) continue; // RedNote comments are mostly short: keep every text within 90
      const shown = shownText(text.content);
      // Pools are large; after many misses accept a repeat rather than loop forever.
      if (!this.shown.has(shown) || attempt >= 50) {
        this.shown.add(shown);
        return text;
      }
    }
  }

  /** Chinese, 4–90 characters: opener, question or reaction, details, slang, emoji; sometimes mixed with English. */
  private chinese(): Text {
    const r = this.random;
    // Traditional Chinese stands alone: mixing in the simplified pieces below would read oddly.
    if (r.chance(0.04)) return { content: r.pick(TRADITIONAL) + (r.chance(0.3) ? r.pick(EMOJI) : ''), atUsers: [], translate: true };
    const parts: string[] = [];
    if (r.chance(0.3)) parts.push(r.pick(OPENERS) + (r.chance(0.5) ? ' ' : '！'));
    const shape = r.next();
    if (shape < 0.3) parts.push(r.pick(QUESTIONS));
    else if (shape < 0.55) parts.push(r.pick(REACTIONS));
    else if (shape < 0.75) parts.push(r.pick(EXPERIENCES)(r));
    else if (shape < 0.9) parts.push(r.pick(MIXED));
    else parts.push(r.pick(REACTIONS), '，', r.pick(EXPERIENCES)(r), '，', r.pick(QUESTIONS)); // a long one
    if (r.chance(0.5)) parts.push(r.chance(0.5) ? ' ' : '，', r.pick(EXPERIENCES)(r));
    if (r.chance(0.35)) parts.push(' ', r.pick(SLANG));
    if (r.chance(0.25)) parts.push(r.pick(this.emojiCodes).repeat(r.int(1, 3)));
    else if (r.chance(0.1)) parts.push(r.pick(EMOJI));
    let content = parts.join('');
    const atUsers: AtUser[] = [];
    if (r.chance(0.03)) {
      const user = r.pick(this.users);
      content = `@${user.nickname} ${content}`;
      atUsers.push({ userId: user.userId, nickname: user.nickname });
    }
    if (chars(content) > 90) return this.chinese();
    if (chars(shownText(content)) < 4) content = shownText(content) + ' ' + r.pick(SLANG);
    return { content, atUsers, translate: true };
  }

  /** Text with nothing to translate: English, Japanese, Korean, emoji, numbers, links, a bare @mention. */
  private skip(): Text {
    const r = this.random;
    const kind = r.next();
    if (kind < 0.3) {
      const extra = r.chance(0.4) ? ' ' + r.pick(ENGLISH) : '';
      return { content: r.pick(ENGLISH) + extra + r.pick(ENGLISH_TAILS), atUsers: [], translate: false };
    }
    if (kind < 0.45) {
      const extra = r.chance(0.5) ? r.pick(JAPANESE) : '';
      return { content: r.pick(JAPANESE) + extra, atUsers: [], translate: false };
    }
    if (kind < 0.57) {
      const extra = r.chance(0.5) ? ' ' + r.pick(KOREAN) : '';
      return { content: r.pick(KOREAN) + extra, atUsers: [], translate: false };
    }
    if (kind < 0.72) {
      const emoji = Array.from({ length: r.int(1, 4) }, () => r.pick(EMOJI)).join('');
      return { content: emoji, atUsers: [], translate: false };
    }
    if (kind < 0.82) {
      const number = r.chance(0.2) ? '2333' + '3'.repeat(r.int(0, 4)) : r.pick(['6', '8', '1', '9']).repeat(r.int(3, 8));
      return { content: number, atUsers: [], translate: false };
    }
    if (kind < 0.92) {
      const link = 'https://xhslink.com/a/' + r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 11);
      return { content: link, atUsers: [], translate: false };
    }
    const user = r.pick(this.users);
    return { content: `@${user.nickname}`, atUsers: [{ userId: user.userId, nickname: user.nickname }], translate: false };
  }
}

/* ---------------- note page ---------------- */

export interface ScaledNoteOptions {
  /** Comment units in all: top-level comments plus their inline replies. */
  comments: number;
  /** Units in the first render and in each page added by `loadMoreComments()`. */
  pageSize: number;
  /** Delay of `loadMoreComments()` (stored page: 400 ms). */
  pageDelayMs?: number;
  seed?: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * Reply counts (each 0–3) of the top-level comments of one page of `units` units. The page script
 * pages by top-level comment (`CFG.commentPaging` of them per load), so every full page gets the
 * same number of comments, with replies spread so that the page holds exactly `units` units.
 */
function pageReplies(random: Random, units: number, perPage: number): number[] {
  const comments = clamp(Math.round(units / 2.5), Math.ceil(units / 4), Math.min(units, perPage));
  const replies = Array.from({ length: comments }, () => random.int(0, 3));
  let sum = replies.reduce((a, b) => a + b, 0);
  const target = units - comments;
  // Move one reply at a time from a random comment (the next one that can take the change).
  while (sum !== target) {
    const step = sum < target ? 1 : -1;
    let i = random.int(0, comments - 1);
    while ((replies[i] ?? 0) + step < 0 || (replies[i] ?? 0) + step > 3) i = (i + 1) % comments;
    replies[i] = (replies[i] ?? 0) + step;
    sum += step;
  }
  return replies;
}

function positiveInt(name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, got ${value}`);
}

/**
 * `note.html` with `comments` generated comment units: the first `pageSize` in `comments.list`,
 * the rest in `DATA.moreTop`, loaded `pageSize` units at a time (the last page holds the rest).
 * `DATA.moreSub` is cleared for the note: every reply is inline, there is no "展开" button.
 */
export function scaledNotePage(options: ScaledNoteOptions): ScaledNotePage {
  const { comments, pageSize, pageDelayMs = DEFAULT_DELAY_MS, seed = 1 } = options;
  positiveInt('comments', comments);
  positiveInt('pageSize', pageSize);
  const page = readPage('note.html');
  const { data } = page;
  const detail = data.noteDetails[BENCH_NOTE_ID];
  if (!detail) throw new Error(`note.html has no note ${BENCH_NOTE_ID}`);
  const note = detail.note;

  const random = new Random(seed);
  const ids = new Ids(random);
  const stored = [...detail.comments.list, ...(data.moreTop[BENCH_NOTE_ID] ?? [])];
  const avatars = [...new Set(stored.flatMap((c) => [c, ...(c.subComments ?? [])]).map((c) => c.userInfo.image))];
  const users = makeUsers(random, ids, avatars, data.now);
  const author: UserInfo = { userId: note.user.userId, nickname: note.user.nickname, image: note.user.avatar, xsecToken: note.user.xsecToken };
  const texts = new CommentTexts(random, Object.keys(data.emoji), users);

  const units: UnitCounts = { translate: 0, skip: 0 };
  const comment = (user: UserInfo, createTime: number, maxLikes: number): Comment => {
    const text = texts.next();
    const kind = text.translate ? 'zh' : 'skip';
    units[text.translate ? 'translate' : 'skip'] += 1;
    return {
      id: ids.at(createTime),
      noteId: BENCH_NOTE_ID,
      content: text.content,
      likeCount: String(Math.floor(random.next() ** 3 * maxLikes)),
      createTime,
      ipLocation: random.pick(PROVINCES),
      liked: false,
      status: 0,
      userInfo: user,
      showTags: user === author ? ['is_author'] : [],
      atUsers: text.atUsers,
      _fx: `bench-${kind}-${units.translate + units.skip}`,
    };
  };
  // Between the note's publication (or `after`) and `DATA.now`, to the second.
  const timeAfter = (after: number) => Math.floor((after + random.next() * (data.now - after)) / 1000) * 1000;

  const perPage = clamp(Math.round(pageSize / 2.5), Math.ceil(pageSize / 4), pageSize);
  const plan: number[] = [];
  for (let full = 0; full < Math.floor(comments / pageSize); full++) plan.push(...pageReplies(random, pageSize, perPage));
  if (comments % pageSize) plan.push(...pageReplies(random, comments % pageSize, perPage));

  const top = plan.map((replyCount) => {
    const parent = comment(random.pick(users), timeAfter(note.time + 600_000), 900);
    const replies: Comment[] = [];
    for (let i = 0; i < replyCount; i++) {
      const reply = comment(random.chance(0.1) ? author : random.pick(users), timeAfter(parent.createTime), 80);
      // A reply to an earlier reply names its target: the page shows "回复 <nickname> : ".
      const target = replies.length && random.chance(0.4) ? random.pick(replies) : undefined;
      if (target) reply.targetComment = { id: target.id, userInfo: { userId: target.userInfo.userId, nickname: target.userInfo.nickname } };
      replies.push(reply);
    }
    parent.subCommentCount = String(replies.length);
    parent.subComments = replies;
    parent.subCommentHasMore = false;
    parent.subCommentCursor = replies.at(-1)?.id ?? '';
    return parent;
  });

  const first = comments <= pageSize ? top.length : perPage;
  const list = top.slice(0, first);
  const more = top.slice(first);
  detail.comments.list = list;
  detail.comments.cursor = list.at(-1)?.id ?? '';
  detail.comments.hasMore = more.length > 0;
  data.moreTop[BENCH_NOTE_ID] = more;
  for (const c of stored) delete data.moreSub[c.id];
  note.interactInfo.commentCount = String(comments);
  page.config.commentPaging = perPage;

  return {
    html: withDelay(writePage(page), COMMENT_DELAY, 400, pageDelayMs),
    units,
    topLevel: top.length,
    commentPaging: perPage,
    pages: 1 + Math.ceil(more.length / perPage),
  };
}

/* ---------------- feed page ---------------- */

export interface ScaledFeedOptions {
  /** Cards in all, with the 12 initial ones; the others come in batches. */
  cards: number;
  /** Cards per batch appended by `loadMore()` (the last batch holds the rest). */
  batchSize: number;
  /** Delay of `loadMore()` (stored page: 450 ms). */
  batchDelayMs?: number;
  seed?: number;
}

const TITLE_TOPICS: ((r: Random) => string)[] = [
  (r) => `${r.pick(CITIES)}citywalk路线｜本地人私藏小巷子`,
  (r) => `${r.pick(CITIES)}${r.int(2, 5)}天攻略｜人均${r.int(8, 40) * 100}玩到爽`,
  (r) => `${r.pick(['番茄牛腩', '韩式部队锅', '葱油拌面', '可乐鸡翅', '低卡早餐', '芋泥蛋糕'])}做法｜简单到哭`,
  (r) => `${r.pick(['泥膜', '粉底液', '防晒霜', '散粉', '唇釉', '洗面奶'])}真实测评｜${r.int(3, 9)}款对比`,
  (r) => `考研${r.pick(['英语', '数学', '政治', '专业课'])}经验贴｜${r.int(360, 430)}分上岸`,
  (r) => `${r.pick(['秋天', '初冬', '早春', '夏天'])}穿搭｜${r.pick(['法式慵懒风', '通勤不费脑', '小个子显高', '梨形身材'])}`,
  (r) => `救命！${r.pick(CITIES)}这家${r.pick(['古着店', '咖啡馆', '书店', '面馆', '花市'])}也太好逛了`,
  (r) => `新手${r.pick(['化妆', '露营', '摄影', '健身', '烘焙'])}必看！${r.pick(['不踩雷指南', '装备清单', '避坑合集', '一周计划'])}`,
  (r) => `拔草！网红${r.pick(['奶茶店', '烤肉店', '甜品店', '面包店'])}排队${r.int(1, 3)}小时 真的会谢`,
  (r) => `${r.pick(CITIES)}宝藏${r.pick(['民宿', '餐厅', '机位', '公园'])}｜第${r.int(2, 20)}次来还是爱`,
];

const TITLE_SKIPS: ((r: Random) => string)[] = [
  (r) => `Weekend in ${r.pick(['Kyoto', 'Chengdu', 'Shanghai', 'Dali', 'Seoul', 'Hangzhou'])} — film photos 📷`,
  (r) => `2025.${String(r.int(1, 12)).padStart(2, '0')}.${String(r.int(1, 28)).padStart(2, '0')} 📅`,
  (r) => `Daily vlog #${r.int(1, 300)} ☁️`,
  (r) => `${r.pick(['京都', '大阪', '東京'])}の週末 カフェ巡り☕`,
  (r) => `${r.pick(['서울', '부산', '제주'])} 카페 투어 ☕`,
  (r) => Array.from({ length: r.int(2, 4) }, () => r.pick(EMOJI)).join(''),
];

/**
 * `feed.html` with the 12 initial cards, then `cards - 12` generated cards in `DATA.feedBatches`,
 * `batchSize` per batch. Generated cards copy the stored batch cards (covers, their sizes and
 * types) with new ids, tokens, authors and titles; they have no note details, so clicking one
 * opens nothing. The initial cards keep their stored titles and notes but are followed as
 * benchmark units too (`bench-card-*-1` to `-12`), so the feed's first screen is measured.
 */
export function scaledFeedPage(options: ScaledFeedOptions): ScaledFeedPage {
  const { cards, batchSize, batchDelayMs = DEFAULT_DELAY_MS, seed = 1 } = options;
  positiveInt('cards', cards, INITIAL_FEED_CARDS);
  positiveInt('batchSize', batchSize);
  const page = readPage('feed.html');
  const { data } = page;
  const templates = data.feedBatches.flat().filter(isNoteCard);
  if (templates.length === 0) throw new Error('feed.html has no stored batch card to copy');

  const random = new Random(seed);
  const ids = new Ids(random);
  const avatars = [...new Set(templates.map((card) => card.noteCard.user.avatar))];
  const users = makeUsers(random, ids, avatars, data.now);
  const titles = new Set<string>();
  const units = relabelInitialCards(data.fx);

  const generated: FeedCard[] = [];
  for (let n = INITIAL_FEED_CARDS + 1; n <= cards; n++) {
    const translate = !random.chance(SKIP_SHARE);
    let title = '';
    // Unique titles; after many misses accept a repeat rather than loop forever.
    for (let attempt = 0; attempt < 50 && (title === '' || titles.has(title)); attempt++) {
      title = random.pick(translate ? TITLE_TOPICS : TITLE_SKIPS)(random) + (translate && random.chance(0.3) ? random.pick(EMOJI) : '');
    }
    titles.add(title);
    units[translate ? 'translate' : 'skip'] += 1;

    const copy = structuredClone(random.pick(templates)); // cover (size, image), type and the rest of the shape
    const user = random.pick(users);
    const card: NoteFeedCard = {
      ...copy,
      id: ids.at(data.now - random.int(1, 60) * 86_400_000),
      xsecToken: random.token(),
      index: n - 1,
      noteCard: {
        ...copy.noteCard,
        displayTitle: title,
        user: { userId: user.userId, nickname: user.nickname, nickName: user.nickname, avatar: user.image, xsecToken: user.xsecToken },
        interactInfo: { liked: false, likedCount: String(Math.floor(random.next() ** 2 * 9999)) },
      },
    };
    data.fx[`card:${card.id}`] = `bench-card-${translate ? 'zh' : 'skip'}-${n}`; // cardHTML gives the title `<fx>-title`
    generated.push(card);
  }

  data.feedBatches = [];
  for (let i = 0; i < generated.length; i += batchSize) data.feedBatches.push(generated.slice(i, i + batchSize));

  return {
    html: withDelay(writePage(page), FEED_DELAY, 450, batchDelayMs),
    units,
    batches: data.feedBatches.length,
  };
}

/**
 * Gives the initial cards (`pub-card-01` to `-12`) benchmark ids, Chinese or not as the
 * fixture's expectations say of their titles; returns their counts.
 */
function relabelInitialCards(fx: Record<string, string>): UnitCounts {
  const expected = new Map(
    readExpectations().pages['feed.html'].items.map((item) => [item.id, item.expect] as const),
  );
  const units: UnitCounts = { translate: 0, skip: 0 };
  for (const [key, id] of Object.entries(fx)) {
    const n = key.startsWith('card:') ? Number(/^pub-card-(\d+)$/.exec(id)?.[1]) : NaN;
    if (!(n >= 1 && n <= INITIAL_FEED_CARDS)) continue;
    const expect = expected.get(`${id}-title`);
    if (expect !== 'translate' && expect !== 'skip') throw new Error(`expectations.json says nothing of ${id}-title`);
    const kind = expect === 'translate' ? 'zh' : 'skip';
    units[expect] += 1;
    fx[key] = `bench-card-${kind}-${n}`;
  }
  if (units.translate + units.skip !== INITIAL_FEED_CARDS) throw new Error('feed.html no longer has 12 initial cards');
  return units;
}

interface Expectations {
  pages: Record<'feed.html', { items: { id: string; expect: string }[] }>;
}

function readExpectations(): Expectations {
  return JSON.parse(readFileSync(resolve(FIXTURES, 'expectations.json'), 'utf8')) as Expectations;
}
