import type { ReplyTone } from '../../src/settings/schema';
import { protectText } from '../../src/text/protect';

/**
 * English replies the fakes translate into fixed Chinese (casual, and polite where the reply has
 * a polite variant), and the English the fakes give back for that Chinese: e2e tests import the
 * exact strings from here instead of repeating them.
 */
export const FAKE_REPLIES = {
  whereTaken: {
    english: 'This looks amazing! Where was this taken?',
    chinese: '这也太美了吧！请问是在哪里拍的呀？',
    backTranslation: 'This is so beautiful! May I ask where it was taken?',
    politeChinese: '您好，请问这是在哪里拍的呢？真的非常漂亮！',
    politeBackTranslation: 'Hello, may I ask where this was taken? It is really very beautiful!',
  },
  thanks: {
    english: 'Thank you so much, this guide helps a lot!',
    chinese: '太感谢啦，这个攻略帮大忙了！',
    backTranslation: 'Thanks a lot, this guide is a huge help!',
  },
  /** A search query typed in English (tests/e2e/search.e2e.test.ts). */
  campingGear: {
    english: 'camping gear for beginners',
    chinese: '新手露营装备',
    backTranslation: 'Camping equipment for beginners',
  },
} as const;

type FakeReply = (typeof FAKE_REPLIES)[keyof typeof FAKE_REPLIES];
const REPLIES: readonly FakeReply[] = Object.values(FAKE_REPLIES);

/** English → Chinese, as every fake answers a reply when no tone (or casual) was asked for. */
export const REPLY_DICTIONARY: Readonly<Record<string, string>> = Object.fromEntries(
  REPLIES.map((reply) => [reply.english, reply.chinese]),
);

/** English → polite Chinese, for the replies that have a polite variant (only an LLM follows a tone). */
export const POLITE_REPLY_DICTIONARY: Readonly<Record<string, string>> = Object.fromEntries(
  REPLIES.flatMap((reply) => ('politeChinese' in reply ? [[reply.english, reply.politeChinese]] : [])),
);

/** Chinese → English for the fake replies' Chinese, so a back-translation reads like one. */
const BACK_TRANSLATIONS: Readonly<Record<string, string>> = Object.fromEntries(
  REPLIES.flatMap((reply) => [
    [reply.chinese, reply.backTranslation],
    ...('politeChinese' in reply ? [[reply.politeChinese, reply.politeBackTranslation]] : []),
  ]),
);

/**
 * What the fake backends answer when reading: a fixed English translation for the texts the
 * README screenshot shows (and for the fake replies' Chinese), and `EN: <source>` for
 * everything else, so a test can tell which source text an overlay came from.
 */
const DICTIONARY: Record<string, string> = {
  '大理三天两夜保姆级攻略🌊人均1500玩到爽': 'Dali in 3 days 2 nights: a step-by-step guide 🌊 ¥1500 per person and loved every minute',
  '姐妹们！刚从大理回来，趁热乎整理了一份保姆级攻略': 'Sisters! Just back from Dali, so here is my step-by-step guide while it is still fresh',
  'Day1 古城→人民路→洋人街，傍晚去南门城楼看日落🌇': 'Day 1: Old Town → Renmin Road → Foreigner Street, then sunset from the South Gate tower 🌇',
  'Day2 环洱海骑行！一定要早点出发，廊桥那一段真的太出片了':
    'Day 2: cycling around Erhai Lake! Leave early, the covered-bridge stretch is so photogenic',
  'Day3 喜洲古镇+稻田，吃到了超好吃的喜洲粑粑': 'Day 3: Xizhou old town + rice fields, and the most delicious Xizhou baba',
  '⚠️避雷：古城门口的鲜花饼别买，又贵又干': '⚠️ Avoid: the flower cakes at the Old Town gate, pricey and dry',
  '住宿推荐双廊的海景民宿，推开窗就是洱海，绝绝子！': 'Stay at a lake-view guesthouse in Shuanglang: open the window and Erhai is right there, amazing!',
  '有问题评论区问我，看到都会回～ @小鹿今天不加班 下次一起去！':
    'Ask me anything in the comments, I reply to everything ~ @小鹿今天不加班 let’s go together next time!',
  大理旅行: 'DaliTravel',
  旅行攻略: 'TravelGuide',
  洱海: 'ErhaiLake',
  小众旅行地: 'HiddenGems',
  '救命 这个攻略也太详细了吧！收藏了 下个月就去': 'Help, this guide is so detailed! Saved it, going next month',
  '冲鸭！五月的大理天气超好～记得带防晒': 'Go for it! Dali’s weather in May is great ~ remember sunscreen',
  '求民宿链接！！双廊那家叫什么名字呀': 'Link to the guesthouse please!! What is the one in Shuanglang called?',
  '小个子158｜秋冬通勤穿搭一周不重样': 'Petite 158 cm | a week of autumn/winter work outfits, no repeats',
  '黄黑皮亲妈！这支口红真的绝绝子💄': 'A lifesaver for warm/olive skin! This lipstick is truly the best 💄',
  '在上海吃到了童年味道的葱油拌面😭': 'Found the scallion oil noodles that taste like my childhood in Shanghai 😭',
  '油皮夏天用这几个真的不闷痘！！': 'Oily skin in summer: these really don’t clog pores!!',
  '打工人的桌面好物分享｜提升幸福感yyds': 'Desk favourites for office workers | instant happiness boost, GOAT',
  '台北私藏咖啡廳｜週末就想待在這裡☕️': 'A hidden café in Taipei | where I want to spend every weekend ☕️',
  // The video note in the README's picture (tests/fixtures/xhs/video_note.html); its subtitles' Chinese stays `EN: …`.
  '洱海骑行vlog｜风太舒服了': 'Erhai cycling vlog | the breeze feels so good',
  '今天环洱海骑了一圈，风吹过来的时候真的好治愈🌊': 'Rode a full loop around Erhai today, and the breeze was so healing 🌊',
  大理: 'Dali',
  骑行: 'Cycling',
  // The first fixture image's text (tests/fixtures/images/title-cafe.webp), in the README's picture.
  '杭州宝藏咖啡店周末一定要去！': 'A hidden-gem café in Hangzhou: go this weekend!',
  '环境超出片·人均45元': 'Very photogenic · about ¥45 a person',
  // The notification page (tests/fixtures/xhs/notification.html): comments, quotes and the one hint RedBridge has no English for.
  '谢谢推荐！周末就去试试这家店': 'Thanks for the tip! I will try this place this weekend',
  这家店的提拉米苏真的绝了: 'The tiramisu here is truly amazing',
  '请问这件外套是什么牌子的呀？求链接': 'What brand is this coat? Link please',
  '@奶茶三分糖 快来看这个攻略，下次我们一起去': '@奶茶三分糖 come and see this guide, let’s go together next time',
  '五月去大理穿什么比较合适？': 'What should I wear in Dali in May?',
  '这篇必须分享给我闺蜜，太实用了': 'I have to share this with my bestie, it is so useful',
  分享了你的笔记: 'shared your note',
  哈哈哈哈笑死我了: 'Hahaha, I am dying of laughter',
  第一次做葱油拌面就翻车了: 'My first try at scallion oil noodles was a total fail',
  // The profile page (tests/fixtures/xhs/profile.html): the bio line by line, the tags, the note titles.
  '北漂第五年｜INFP': 'Fifth year living in Beijing | INFP',
  '喜欢咖啡、胶片和周末城市漫步☕️': 'Into coffee, film photography and weekend city walks ☕️',
  商务合作请私信: 'For business inquiries, please DM',
  '25岁': '25 years old',
  双子座: 'Gemini',
  北京朝阳: 'Chaoyang, Beijing',
  摄影博主: 'Photography blogger',
  '北京胡同里的宝藏咖啡馆｜拍照超出片': 'A hidden-gem café in a Beijing hutong | so photogenic',
  '胶片相机入门指南📷新手必看': 'Film camera starter guide 📷 a must-read for beginners',
  '周末city walk路线｜798艺术区半日游': 'Weekend city walk route | half a day in the 798 Art District',
  '秋天的颐和园美到失语🍂': 'The Summer Palace in autumn is breathtaking 🍂',
  打工人午餐便当一周不重样: 'A week of packed lunches for office workers, no repeats',
  '第一次去长城，攻略都在这了': 'First time at the Great Wall: the whole guide is here',
  北京宝藏小众博物馆合集: 'A roundup of hidden-gem museums in Beijing',
  // The options page's Test sentence (BACKEND_TEST_SENTENCE).
  '你好，今天的天气真好！': 'Hello, the weather is really nice today!',
  ...BACK_TRANSLATIONS,
};

/**
 * RedBridge sends emoji, hashtags, @mentions and links as placeholders `{0}`, `{1}`, … numbered
 * across the whole unit (see src/text/protect.ts), so a line of a note's body may arrive as
 * `{1}避雷：…`. Each known text that has such tokens is also known in that form, with its
 * placeholders as `{}`, and answered with its English in the same form: a real backend copies
 * the placeholders, and RedBridge puts the tokens back, so the overlay reads the English above.
 */
const PLACEHOLDER = /\{\d+\}/g;
const SLOT = '{}';
const slotted = (text: string) => text.replace(PLACEHOLDER, SLOT);

const SLOTTED_DICTIONARY: ReadonlyMap<string, string> = new Map(
  Object.entries(DICTIONARY).flatMap(([source, english]) => {
    const from = protectText(source);
    if (from.tokens.length === 0) return [];
    const to = protectText(english);
    if (to.tokens.join('\n') !== from.tokens.join('\n')) {
      throw new Error(`The fake English for ${JSON.stringify(source)} must keep its emoji, tags, mentions and links, in order`);
    }
    return [[slotted(from.text), slotted(to.text)] as const];
  }),
);

/** The known English of `text` as a backend receives it, with the same placeholders in the same order. */
function knownEnglish(text: string): string | undefined {
  const known = DICTIONARY[text];
  if (known !== undefined) return known;
  const english = SLOTTED_DICTIONARY.get(slotted(text));
  if (english === undefined) return undefined;
  const placeholders = text.match(PLACEHOLDER) ?? [];
  let next = 0;
  return english.replace(/\{\}/g, () => placeholders[next++] ?? SLOT);
}

export const FAKE_PREFIX = 'EN: ';
/** What a fake writes for English it has no Chinese for, so a test can tell the source of a reply. */
export const FAKE_ZH_PREFIX = '中文：';

/**
 * A fake translation of `text` into `target`: Chinese for a `zh…` target (any case, any
 * variant: `zh-CN`, `zh-Hans`, `ZH-HANS`, `zh`), English otherwise. Only an LLM fake passes
 * `tone`; machine fakes ignore it, as the real services do.
 *
 * The one-argument overload keeps `texts.map(fakeTranslate)` type-correct: `map` then passes
 * the index and the array as `target` and `tone`, which is why the implementation only trusts
 * a string target and a known tone and reads anything else as reading into English.
 */
export function fakeTranslate(text: string): string;
export function fakeTranslate(text: string, target: string, tone?: ReplyTone): string;
export function fakeTranslate(text: string, target: unknown = 'en', tone?: unknown): string {
  if (typeof target === 'string' && /^zh/i.test(target)) {
    const polite = tone === 'polite' ? POLITE_REPLY_DICTIONARY[text] : undefined;
    return polite ?? REPLY_DICTIONARY[text] ?? `${FAKE_ZH_PREFIX}${text}`;
  }
  return knownEnglish(text) ?? `${FAKE_PREFIX}${text}`;
}

/** The source text behind a fake translation (the inverse of `fakeTranslate`). */
export function sourceOfFake(translation: string): string | null {
  if (translation.startsWith(FAKE_PREFIX)) return translation.slice(FAKE_PREFIX.length);
  const entry = Object.entries(DICTIONARY).find(([, english]) => english === translation);
  return entry ? entry[0] : null;
}

/**
 * The source texts behind an overlay's text: a backend that keeps line breaks (Google)
 * translates line by line, one that does not (LibreTranslate) the whole text at once.
 */
export function sourcesOfFake(translation: string): (string | null)[] {
  const lines = translation.split('\n').filter((line) => line.trim() !== '');
  const lineByLine = lines.length > 1 && lines.every((line) => sourceOfFake(line) !== null);
  return lineByLine ? lines.map(sourceOfFake) : [sourceOfFake(translation)];
}
