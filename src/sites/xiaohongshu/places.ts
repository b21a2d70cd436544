/**
 * The place in a profile's "IP属地：北京": one of China's provinces, regions, municipalities and
 * SARs, or a country. Their English names are fixed, so they come from this list with no backend
 * request (a machine translator may also turn 北京 into "Peking" or 山西 and 陕西 into one word).
 */
const PLACES: Readonly<Record<string, string>> = {
  北京: 'Beijing', 天津: 'Tianjin', 上海: 'Shanghai', 重庆: 'Chongqing',
  河北: 'Hebei', 山西: 'Shanxi', 辽宁: 'Liaoning', 吉林: 'Jilin', 黑龙江: 'Heilongjiang',
  江苏: 'Jiangsu', 浙江: 'Zhejiang', 安徽: 'Anhui', 福建: 'Fujian', 江西: 'Jiangxi', 山东: 'Shandong',
  河南: 'Henan', 湖北: 'Hubei', 湖南: 'Hunan', 广东: 'Guangdong', 海南: 'Hainan',
  四川: 'Sichuan', 贵州: 'Guizhou', 云南: 'Yunnan', 陕西: 'Shaanxi', 甘肃: 'Gansu', 青海: 'Qinghai',
  台湾: 'Taiwan', 内蒙古: 'Inner Mongolia', 广西: 'Guangxi', 西藏: 'Tibet', 宁夏: 'Ningxia', 新疆: 'Xinjiang',
  香港: 'Hong Kong', 澳门: 'Macao',
  美国: 'United States', 加拿大: 'Canada', 墨西哥: 'Mexico', 巴西: 'Brazil', 阿根廷: 'Argentina',
  英国: 'United Kingdom', 法国: 'France', 德国: 'Germany', 意大利: 'Italy', 西班牙: 'Spain', 葡萄牙: 'Portugal',
  荷兰: 'Netherlands', 比利时: 'Belgium', 瑞士: 'Switzerland', 奥地利: 'Austria', 瑞典: 'Sweden', 挪威: 'Norway',
  丹麦: 'Denmark', 芬兰: 'Finland', 爱尔兰: 'Ireland', 波兰: 'Poland', 俄罗斯: 'Russia', 乌克兰: 'Ukraine',
  土耳其: 'Türkiye', 希腊: 'Greece', 以色列: 'Israel', 阿联酋: 'United Arab Emirates', 沙特阿拉伯: 'Saudi Arabia',
  埃及: 'Egypt', 南非: 'South Africa', 日本: 'Japan', 韩国: 'South Korea', 朝鲜: 'North Korea', 蒙古: 'Mongolia',
  新加坡: 'Singapore', 马来西亚: 'Malaysia', 泰国: 'Thailand', 越南: 'Vietnam', 菲律宾: 'Philippines',
  印度尼西亚: 'Indonesia', 印度: 'India', 巴基斯坦: 'Pakistan', 柬埔寨: 'Cambodia', 老挝: 'Laos', 缅甸: 'Myanmar',
  澳大利亚: 'Australia', 新西兰: 'New Zealand',
};

/** Short and official forms RedNote may also show, reduced to the list's key. */
const SUFFIXES = /(?:省|市|特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区)$/u;

/** The English name of a place, or null when it is not in the list. */
export function englishPlace(place: string): string | null {
  const name = place.trim();
  return PLACES[name] ?? PLACES[name.replace(SUFFIXES, '')] ?? null;
}

/** The place in an IP location line, whatever the interface's language: the text after its colon. */
export function placeOfIpLine(line: string): string | null {
  const match = /[：:]\s*(\S.*)$/u.exec(line.trim());
  return match ? match[1]!.trim() : null;
}
